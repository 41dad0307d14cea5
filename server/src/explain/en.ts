import type { Messages } from './messages';

const values = (v: { printed: string; absolute: string | null; relative: boolean }) =>
  v.relative && v.absolute !== null ? `${v.printed} (absolute ${v.absolute})` : v.printed;

export const en: Messages = {
  locale: 'en',
  role: { client: 'client', server: 'server' },
  flag: {
    F: 'FIN: the sender has no more data to send',
    S: 'SYN: synchronise sequence numbers (opens a connection)',
    R: 'RST: reset, abort the connection at once',
    P: 'PSH: push, deliver the data to the application now',
    '.': 'ACK: the ack field is valid',
    U: 'URG: the urgent pointer is valid',
    E: 'ECE: ECN echo, congestion was signalled',
    W: 'CWR: congestion window reduced',
    e: 'AE: accurate ECN',
  },
  flagCombination: {
    S: 'Connection request: step 1 of the three-way handshake (or of a simultaneous open).',
    'S.': 'SYN+ACK: the server accepts and sends its own SYN, step 2 of the handshake.',
    '.': 'A pure acknowledgement: handshake step 3, an ACK of data, a keep-alive or a window update.',
    'P.': 'Data with PSH: the receiver should hand it to the application right away. PSH has no effect on the state.',
    'F.': 'FIN+ACK: the sender finished sending (it called close() or shutdown()).',
    'FP.': 'The last data and the FIN in one segment.',
    R: 'RST: abort. Sent without ACK it usually answers a segment that matched no connection.',
    'R.': 'RST+ACK: abort. The usual answer to a SYN on a port where nothing listens.',
    SEW: 'SYN asking for ECN (ECE and CWR set).',
  },
  noFlags: 'No flags at all: not a normal TCP segment (a scan probe or a crafted packet).',
  state: {
    LISTEN: 'waiting for connection requests on a bound port',
    SYN_SENT: 'sent its SYN, waiting for the peer’s SYN',
    SYN_RCVD: 'got a SYN and answered SYN+ACK, waiting for the ACK of its SYN',
    ESTABLISHED: 'open: data can flow both ways',
    FIN_WAIT_1: 'sent its FIN, not yet acknowledged',
    FIN_WAIT_2: 'its FIN was acknowledged; still receiving, waiting for the peer’s FIN',
    CLOSE_WAIT: 'the peer finished sending; waiting for the local application to call close()',
    CLOSING: 'both FINs crossed; waiting for the ACK of its own FIN',
    LAST_ACK: 'sent its FIN after the peer’s; waiting for the last ACK',
    TIME_WAIT: 'closed first; keeps the 4-tuple for 2×MSL (60 s on Linux) to absorb late segments',
    CLOSED: 'no connection',
    UNKNOWN: 'the capture says nothing about this endpoint yet',
  },
  step: {
    'handshake 1/3':
      'Handshake step 1/3: the client asks to connect (SYN with its initial sequence number).',
    'handshake 2/3':
      'Handshake step 2/3: the server acknowledges the client’s SYN (ack = ISN+1) and sends its own SYN.',
    'handshake 3/3':
      'Handshake step 3/3: the client acknowledges the server’s SYN; both sides are ESTABLISHED.',
    'handshake rejected (RST)':
      'The connection request is rejected: nothing accepts connections on that port.',
    'handshake 1/4 (simultaneous: SYN)':
      'Simultaneous open, 1/4: this SYN crossed the peer’s SYN on the wire.',
    'handshake 2/4 (simultaneous: SYN)':
      'Simultaneous open, 2/4: the peer’s own SYN, sent before it saw the first one.',
    'handshake 3/4 (simultaneous: SYN-ACK)':
      'Simultaneous open, 3/4: a SYN+ACK acknowledging the peer’s SYN.',
    'handshake 4/4 (simultaneous: SYN-ACK)':
      'Simultaneous open, 4/4: the other SYN+ACK; both sides are ESTABLISHED.',
    'close 1/3': 'Close 1/3: the sender finished sending (FIN).',
    'close 2/3': 'Close 2/3: the peer acknowledges that FIN and sends its own in the same segment.',
    'close 3/3': 'Close 3/3: the last FIN is acknowledged; the first closer waits in TIME_WAIT.',
    'close 1/4':
      'Close 1/4: the sender finished sending (FIN); the peer turns CLOSE_WAIT when it arrives.',
    'close 2/4': 'Close 2/4: the peer acknowledges the FIN; the first closer moves to FIN_WAIT_2.',
    'close 3/4': 'Close 3/4: the peer’s application closed too (FIN); it waits in LAST_ACK.',
    'close 4/4':
      'Close 4/4: the last FIN is acknowledged; the first closer waits in TIME_WAIT, the other is CLOSED.',
    'close 1/4 (simultaneous: FIN)': 'Simultaneous close, 1/4: this FIN crossed the peer’s FIN.',
    'close 2/4 (simultaneous: FIN)':
      'Simultaneous close, 2/4: the peer’s FIN, which does not acknowledge the first one.',
    'close 3/4 (simultaneous: ACK of peer FIN)':
      'Simultaneous close, 3/4: one FIN is acknowledged; its sender goes CLOSING → TIME_WAIT.',
    'close 4/4 (simultaneous: ACK of peer FIN)':
      'Simultaneous close, 4/4: the other FIN is acknowledged; both sides end in TIME_WAIT.',
    'abort (RST)': 'Abort: the RST ends the connection at once on both sides, without TIME_WAIT.',
  },
  handshake: {
    complete: 'complete',
    refused: 'refused',
    'half-open': 'half-open',
    'no answer': 'no answer',
    'simultaneous open': 'simultaneous open',
    midstream: 'not captured (mid-stream)',
  },
  close: {
    '3-way': '3-way close',
    '4-way': '4-way close',
    'half-close': 'half-close',
    simultaneous: 'simultaneous close',
    abort: 'aborted (RST)',
    incomplete: 'close not finished',
    none: 'not closed',
  },
  finding: {
    rst: {
      title: 'Reset (RST)',
      what: 'The connection was aborted with a RST: both sides drop it at once, no TIME_WAIT.',
      app: 'The peer of the RST sender gets ECONNRESET (104) on its next read or write; later writes fail with EPIPE (32).',
      check:
        'Which side sent it and when: right after data often means the peer had no such connection any more (restart, state lost in a NAT or load balancer), or the application closed with unread data or SO_LINGER 0.',
    },
    refused: {
      title: 'Connection refused',
      what: 'The SYN was answered with RST: no socket listens on that port (or a firewall REJECTs with a reset).',
      app: 'connect() fails with ECONNREFUSED (111).',
      check:
        'Is the service running and listening on this address and port (`ss -ltn`)? Is a firewall rejecting it?',
    },
    syn_retransmission: {
      title: 'SYN retransmitted',
      what: 'The client sent its SYN again: no SYN+ACK came back in time.',
      app: 'connect() keeps waiting; after the last try (about 127 s with net.ipv4.tcp_syn_retries = 6) it fails with ETIMEDOUT (110).',
      check:
        'Is the server reachable? A firewall that DROPs, a wrong route, or a full SYN/accept queue on the server (check `nstat -az TcpExtListenOverflows`).',
    },
    retransmission: {
      title: 'Retransmission',
      what: 'The same sequence range was sent again: the sender did not get an acknowledgement in time (or learned of a loss).',
      app: 'Nothing at once, but the application sees delay; if nothing gets through, Linux gives up after net.ipv4.tcp_retries2 (about 15 minutes) with ETIMEDOUT (110).',
      check: 'Packet loss on the path, a congested or dead peer, or a middlebox dropping segments.',
    },
    fast_retransmission: {
      title: 'Fast retransmission',
      what: 'The sender resent the segment the receiver keeps asking for, right after two or more duplicate ACKs, without waiting for its timer.',
      app: 'A short stall; the connection recovers quickly.',
      check: 'Packet loss between the hosts; a single loss is normal, frequent ones are not.',
    },
    spurious_retransmission: {
      title: 'Spurious retransmission',
      what: 'Data the receiver had already acknowledged was sent again: the original was not lost, only its ACK came late (or was lost).',
      app: 'Nothing but wasted bandwidth.',
      check:
        'ACK delay or loss on the return path; a retransmission timer too short for the real round-trip time.',
    },
    out_of_order: {
      title: 'Out of order',
      what: 'This segment fills a gap shortly after later data was seen: it arrived out of order (or is a quick retransmission).',
      app: 'Nothing, unless it happens often (the receiver reorders; duplicate ACKs follow).',
      check:
        'Reordering on the path (multiple links, load balancing) or the capture point seeing two paths.',
    },
    lost_segment: {
      title: 'Previous segment not captured',
      what: 'This segment starts beyond the next expected byte: something in between was lost, or the capture missed it.',
      app: 'If it was lost, a retransmission follows; if only the capture missed it, nothing.',
      check:
        'Capture drops (the "dropped by kernel" count, snap length, a busy host) before blaming the network.',
    },
    ack_lost_segment: {
      title: 'ACKed unseen segment',
      what: 'This ACK covers data the capture never showed: the capture missed segments from the other side.',
      app: 'Nothing: the peer did receive the data.',
      check: 'The capture point or its drops; asymmetric routing can hide one direction.',
    },
    zero_window_probe: {
      title: 'Zero-window probe',
      what: 'The receiver’s window is 0; the sender tests with one byte whether it has opened again.',
      app: 'The sender’s writes are blocked while the peer does not read.',
      check: 'The receiving application: why is it not reading?',
    },
    zero_window_probe_ack: {
      title: 'Zero-window probe answered',
      what: 'The receiver answered the probe with a window that is still 0.',
      app: 'Still blocked.',
      check: 'The receiving application is still not reading.',
    },
    window_full: {
      title: 'Window full',
      what: 'This segment fills the receiver’s advertised window exactly: the sender must now wait for an ACK or a window update.',
      app: 'Throughput is limited by the receiver’s window.',
      check:
        'The receive buffer (net.ipv4.tcp_rmem, window scaling) and how fast the receiver reads.',
    },
    window_update: {
      title: 'Window update',
      what: 'Only the window changed: the receiver tells the sender it has more room now.',
      app: 'Nothing; after a zero window, sending resumes.',
      check: 'Nothing to do.',
    },
    duplicate_ack: {
      title: 'Duplicate ACK',
      what: 'The receiver repeats its last ACK: a segment arrived out of order, so something before it is missing.',
      app: 'Nothing visible; three duplicates trigger a fast retransmission.',
      check: 'Loss or reordering between the two hosts.',
    },
    zero_window: {
      title: 'Zero window',
      what: 'The receiver advertises a window of 0: its receive buffer is full, the sender must stop.',
      app: 'The receiving application is not reading fast enough; the sender’s writes block or its buffer fills.',
      check:
        'Is the receiving application busy, stuck or too slow? Its socket buffer (net.ipv4.tcp_rmem) may be small.',
    },
    keep_alive: {
      title: 'Keep-alive probe',
      what: 'A probe after silence (seq = next − 1, no new data): the sender checks that the peer is still there. Window probes look the same.',
      app: 'Nothing while it is answered; if every probe goes unanswered the connection fails with ETIMEDOUT (110).',
      check:
        'SO_KEEPALIVE with net.ipv4.tcp_keepalive_time / _intvl / _probes (7200 s / 75 s / 9 by default).',
    },
    keep_alive_ack: {
      title: 'Keep-alive answered',
      what: 'The peer answered the probe: it is alive, the connection stays up.',
      app: 'Nothing.',
      check: 'Nothing to do.',
    },
    reused_ports: {
      title: 'Ports reused',
      what: 'A new SYN reuses the 4-tuple of an earlier connection with a new initial sequence number.',
      app: 'Normal for busy clients; if the old connection was still in TIME_WAIT on the server side the SYN may be rejected.',
      check: 'Ephemeral port range (net.ipv4.ip_local_port_range) and the rate of new connections.',
    },
    midstream: {
      title: 'Captured mid-stream',
      what: 'No handshake was captured: both sides are assumed ESTABLISHED and there is no known initial sequence number.',
      app: 'Nothing.',
      check: 'Start the capture before the connection opens to see its handshake.',
    },
    syn_unanswered: {
      title: 'SYN never answered',
      what: 'Every SYN went unanswered: no SYN+ACK and no RST came back.',
      app: 'connect() fails with ETIMEDOUT (110) after the retries, or with EHOSTUNREACH (113) / ENETUNREACH (101) if an ICMP error arrived.',
      check:
        'Is the host up and reachable? Firewalls that DROP silently, routing, security groups.',
    },
    half_open_handshake: {
      title: 'Handshake not completed',
      what: 'The server answered SYN+ACK but the client never acknowledged it.',
      app: 'The server keeps the half-open entry in SYN_RCVD and retries the SYN+ACK (net.ipv4.tcp_synack_retries); the client may have given up.',
      check:
        'Many of these from many sources point to a SYN flood (enable net.ipv4.tcp_syncookies); otherwise the client’s ACK is lost or filtered.',
    },
    close_wait_at_end: {
      title: 'Left in CLOSE_WAIT',
      what: 'The peer closed its side and the FIN was acknowledged, but this side never sent its own FIN.',
      app: 'The application got EOF (read() returned 0) but did not call close(): the socket leaks a file descriptor until EMFILE (24).',
      check:
        'A bug in the application: close the socket when read() returns 0, also on error paths. There is no kernel timer for CLOSE_WAIT.',
    },
    fin_wait_2_at_end: {
      title: 'Left in FIN_WAIT_2',
      what: 'This side closed and its FIN was acknowledged, but the peer never sent its FIN.',
      app: 'Nothing for this application; the peer is likely stuck in CLOSE_WAIT.',
      check:
        'The peer application; an orphaned FIN_WAIT_2 is dropped after net.ipv4.tcp_fin_timeout (60 s).',
    },
    last_ack_at_end: {
      title: 'Left in LAST_ACK',
      what: 'This side sent its FIN after the peer’s, and the last ACK never came.',
      app: 'The kernel retries the FIN, then drops the connection.',
      check: 'The peer vanished right after its FIN (network cut, host gone).',
    },
    syn_in_established: {
      title: 'SYN inside an established connection',
      what: 'A new SYN, with a new initial sequence number, arrived on the 4-tuple of a connection that is still ESTABLISHED.',
      app: 'The receiver answers with a challenge ACK (RFC 5961) and keeps the old connection; a restarted peer then resets it and connects again.',
      check:
        'Did the client reboot or lose its socket state (NAT timeout, crash)? Repeated cases point to a middlebox that forgot the connection.',
    },
    ack_wrong_direction: {
      title: 'ACK in the wrong direction',
      what: 'During the handshake an ACK came from the side that has not answered the SYN yet: the handshake is out of order.',
      app: 'The connection may never open, or a stale segment confused the endpoints.',
      check:
        'Asymmetric routing, a middlebox answering on behalf of the server, or traffic injected into the handshake.',
    },
    data_after_fin: {
      title: 'Data after FIN',
      what: 'This endpoint sent data beyond its own FIN: after a FIN there is nothing more to send.',
      app: 'The receiver drops the data (and may reset the connection).',
      check: 'A faulty TCP stack or forged segments.',
    },
    data_after_rst: {
      title: 'Data after RST',
      what: 'Data arrived on a connection that had already been reset.',
      app: 'The receiver has no connection any more: it answers with another RST; the sender’s next call fails with ECONNRESET (104) or EPIPE (32).',
      check:
        'The sender had not seen the RST yet (data in flight), or ignored the error from its previous call.',
    },
    rst_unexpected_seq: {
      title: 'RST with an unexpected sequence number',
      what: 'This RST does not carry the sequence number the receiver expects next, so per RFC 5961 it is not accepted as a reset (at most a challenge ACK comes back).',
      app: 'Nothing: the connection goes on.',
      check:
        'Forged resets (RST injection by a middlebox or an attacker) or a stale RST from an older connection.',
    },
    fin_unexpected_seq: {
      title: 'FIN with an unexpected sequence number',
      what: 'This FIN does not start at the sender’s next sequence number: data before it was not captured, or the FIN was forged.',
      app: 'The receiver holds the FIN until the missing data arrives.',
      check: 'Capture drops first; otherwise a middlebox or injected segments.',
    },
    keep_alive_unanswered: {
      title: 'Keep-alive probes unanswered',
      what: 'Several keep-alive probes in a row got no answer: the peer is gone (crashed, powered off, or the path is cut).',
      app: 'After net.ipv4.tcp_keepalive_probes unanswered probes (9 by default) the connection fails with ETIMEDOUT (110) and Linux sends a RST.',
      check: 'Is the peer host up? A firewall or NAT that dropped the idle connection’s state?',
    },
    half_close_data: {
      title: 'Sending after the peer closed its side',
      what: 'The peer already sent its FIN (its side is closed) and this side keeps sending data: a half-close.',
      app: 'Normal for protocols that close the sending side first (shutdown(SHUT_WR)); a bug if the peer really closed the socket, because then it answers with RST.',
      check:
        'Whether the peer used shutdown() on purpose, and that this side eventually closes too.',
    },
    syn_flood: {
      title: 'Possible SYN flood',
      what: 'Many handshakes to one listener from many sources never complete: half-open entries pile up in SYN_RCVD.',
      app: 'Once the SYN queue is full, real clients time out (ETIMEDOUT) unless SYN cookies take over.',
      check:
        'net.ipv4.tcp_syncookies (1 by default), tcp_max_syn_backlog and the listen() backlog; filter the sources upstream.',
    },
    port_scan: {
      title: 'Possible port scan',
      what: 'One host sent SYNs to many different ports of another host within a short time.',
      app: 'Nothing for the applications; closed ports answer with RST.',
      check: 'Whether the scanning host is known (monitoring, an inventory tool) or hostile.',
    },
    time_wait_pileup: {
      title: 'TIME_WAIT pile-up',
      what: 'One host closed many short connections to the same destination first: each leaves a socket in TIME_WAIT for 60 s on Linux.',
      app: 'When the ephemeral ports toward that destination run out, connect() fails with EADDRNOTAVAIL (99).',
      check:
        'Connection reuse (keep-alive, pooling), letting the other side close first, net.ipv4.ip_local_port_range, net.ipv4.tcp_tw_reuse.',
    },
    unrecognised_line: {
      title: 'Line not understood',
      what: 'This line is not a shape of tcpdump output that tcpdump Lens knows.',
      app: 'Nothing.',
      check:
        'Is it tcpdump output? Lines edited by hand or mixed with other logs are kept but not analysed.',
    },
  },
  findingDetail: (d) => {
    switch (d.kind) {
      case 'abort':
        return `sent by the ${d.by} while it was ${d.state}`;
      case 'retries':
        return `${d.tries} SYN${d.tries === 1 ? '' : 's'}${d.gaps.length > 0 ? `, ${d.gaps.map((g) => `${g} s`).join(', ')} apart` : ''}`;
      case 'crowd':
        return `${d.count} connections, ${d.distinct} distinct, within ${d.seconds} s`;
      case 'probes':
        return `${d.count} probes in a row without an answer`;
      case 'sequence':
        return `expected ${d.expected}, got ${d.actual}`;
    }
  },
  note: (n) => {
    const ms = (s: number) => (s < 0 ? 'unknown' : `${(s * 1000).toFixed(1)} ms`);
    switch (n.reason) {
      case 'below_next':
        return `✓ ${n.rule}: it starts at ${n.have}, below the next new byte ${n.need}: these bytes were sent before.`;
      case 'few_duplicate_acks':
        return `✗ not a fast retransmission: ${n.have} duplicate ACK${n.have === 1 ? '' : 's'} seen, ${n.need} needed.`;
      case 'not_what_was_asked':
        return `✗ not a fast retransmission: the duplicate ACKs ask for ${n.need}, this segment starts at ${n.have}.`;
      case 'too_late':
        return n.rule === 'out_of_order'
          ? `✗ not out-of-order: ${ms(n.have)} after the highest segment, the limit is ${ms(n.need)} (the handshake round-trip time, or 3 ms).`
          : `✗ not a fast retransmission: ${ms(n.have)} after the last duplicate ACK, the limit is ${ms(n.need)}.`;
      case 'window_changed':
        return `✗ not a duplicate ACK: the window changed from ${n.need} to ${n.have}.`;
    }
  },
  verdict: {
    title: 'Verdict',
    completeness: (label, flags) => `Wireshark completeness: ${label} (\`${flags}\`)`,
    zeek: (state, history) => `Zeek: conn_state \`${state}\`, history \`${history}\``,
    direction: (role, packets, bytes, retransmitted, rtt) =>
      `${role}: ${packets} packets, ${bytes} bytes of data${retransmitted > 0 ? `, ${retransmitted} retransmitted` : ''}${rtt ? `, RTT ${rtt}` : ''}`,
    initialRtt: (ms) => `handshake RTT ${ms}`,
  },
  transition: {
    sentSyn: 'sent its SYN',
    receivedSyn: 'received a SYN (a listener answers with SYN+ACK)',
    receivedSynSimultaneous:
      'received the peer’s SYN while its own was on the way (simultaneous open)',
    sentSynAck: 'answered with SYN+ACK',
    receivedSynAck: 'received the SYN+ACK that acknowledges its SYN',
    receivedHandshakeAck: 'received the ACK of its SYN',
    inferredEstablished: 'assumed open: the capture starts in the middle of the connection',
    sentFin: 'sent its FIN (the application closed)',
    sentFinAfterPeer: 'sent its own FIN after the peer’s (the application closed too)',
    receivedFin: 'received the peer’s FIN (end of data from the peer)',
    receivedFinCrossing:
      'received the peer’s FIN while its own was not yet acknowledged (crossing FINs)',
    receivedFinAfterAck: 'received the peer’s FIN after its own FIN was acknowledged',
    finAcked: 'its FIN was acknowledged',
    finAckedClosing: 'its FIN was acknowledged after the FINs crossed',
    finAckedLastAck: 'its FIN was acknowledged: the connection is gone',
    sentRst: 'sent a RST',
    receivedRst: 'received a RST',
    crossingFinLearned: 'had already sent its own FIN: the FINs crossed',
    unchanged: 'unchanged',
  },
  option: {
    mss: (v) =>
      `Maximum segment size: the sender accepts segments of at most ${v} bytes of payload.`,
    wscale: (v) =>
      `Window scale ${v}: window values after the handshake are multiplied by 2^${v} = ${2 ** v} (only when both sides send it).`,
    sackOK:
      'Selective acknowledgements are supported: the receiver may report blocks received beyond a gap.',
    sack: (b) =>
      `Selective acknowledgement: besides the ACK, these blocks arrived: ${b}. Something before them is missing.`,
    timestamp: (val, ecr) =>
      `Timestamps (RFC 7323): TSval ${val} is the sender’s clock, TSecr ${ecr} echoes the peer’s latest clock${ecr === 0 ? ' (none seen yet)' : ''}; used for RTT measurement and wrapped-sequence protection.`,
    nop: 'No-operation: padding that aligns the next option.',
    eol: 'End of the option list.',
    other: (name) => `TCP option “${name}”.`,
  },
  field: {
    seqRange: (first, next, length, v) =>
      `Sequence numbers ${values(v)}: ${length} byte${length === 1 ? '' : 's'} of data, bytes ${first}…${next} (the last number is the next byte, not part of this segment). The peer confirms them with ack ${next}.`,
    seqSingle: (v, control) => `Sequence number ${values(v)}${control}.`,
    ack: (v, acknowledges) =>
      `Acknowledgement ${values(v)}: the sender has received every byte before this number and expects it next.${acknowledges ? ` It acknowledges ${acknowledges}.` : ''}`,
    ackNoFlag: 'The ACK flag is not set, so there is no acknowledgement number.',
    win: (raw, scaled, shift, inSyn) =>
      inSyn
        ? `Receive window ${raw} bytes. Windows in SYN segments are never scaled.`
        : scaled !== null
          ? `Receive window ${raw} × 2^${shift} = ${scaled} bytes: how much more data the sender of this segment can take now.`
          : `Receive window ${raw}${shift === null ? ' (the handshake was not captured, so the scale factor is unknown)' : ' bytes'}: how much more data the sender of this segment can take now.`,
    length: (n) =>
      n === 0 ? 'No payload: a control or acknowledgement segment.' : `${n} bytes of payload.`,
    relativeNote: 'tcpdump printed it relative to the first number of the flow.',
    absoluteNote: 'Absolute value.',
  },
  line: {
    connection: (id, client, server, inferred) =>
      `Connection c${id}: ${client} (client${inferred ? ', inferred' : ''}) ⇄ ${server} (server)`,
    direction: (from, to) => `${from} → ${to}`,
    step: 'Step',
    noStep: 'no handshake or close step',
    states: 'States',
    before: 'before',
    after: 'after',
    why: 'Why',
    findings: 'Findings',
    whyNot: 'Why / why not',
    separator: ': ',
    whatTheAppSaw: 'The application sees',
    whatToCheck: 'Check',
    packetRef: (packet, line) => `packet ${packet} (line ${line + 1})`,
    nonTcp: (protocol) => `A ${protocol.toUpperCase()} packet: not part of a TCP connection.`,
    unrecognised: (reason) => `This line was not understood: ${reason}.`,
    endpointRole: (role, id) => `${role} of connection c${id}`,
  },
  lens: {
    summary: (client, server, packets, handshake, close, fc, fs) =>
      `${client} ⇄ ${server} · ${packets} packet${packets === 1 ? '' : 's'} · ${handshake} · ${close} · client ${fc}, server ${fs}`,
    findings: (n) => `⚠ ${n} finding${n === 1 ? '' : 's'}`,
    diagram: 'Sequence diagram',
  },
  status: {
    summary: (c, p, f) =>
      `${c} conn · ${p} pkts${f > 0 ? ` · ${f} finding${f === 1 ? '' : 's'}` : ''}`,
    tooltip: 'tcpdump Lens: TCP connections, packets and findings in this log',
  },
  symbol: {
    handshake: 'handshake',
    data: 'data',
    close: 'close',
    connection: (client, server) => `${client} ⇄ ${server}`,
  },
  diagnostic: {
    related: 'related packet',
    notShown: (shown) =>
      `Only the ${shown} most severe findings are listed here: the Problems panel shows at most that many per file, and the status bar counts them all. Hovers still explain every line, and \`tcpdump-lens --format json\` lists every finding.`,
  },
};
