/** Every this many lines the byte offset of the line is kept, to read a part of the file later. */
export const CHECKPOINT_LINES = 1024;
