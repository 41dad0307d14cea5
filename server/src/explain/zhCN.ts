import type { Messages } from './messages';

const values = (v: { printed: string; absolute: string | null; relative: boolean }) =>
  v.relative && v.absolute !== null ? `${v.printed}(绝对值 ${v.absolute})` : v.printed;

export const zhCN: Messages = {
  locale: 'zh-CN',
  role: { client: '客户端', server: '服务端' },
  flag: {
    F: 'FIN:发送方的数据已发完',
    S: 'SYN:同步序号(发起连接)',
    R: 'RST:复位,立即中止连接',
    P: 'PSH:推送,尽快把数据交给应用',
    '.': 'ACK:确认号有效',
    U: 'URG:紧急指针有效',
    E: 'ECE:ECN 回显,网络发生了拥塞',
    W: 'CWR:拥塞窗口已减小',
    e: 'AE:精确 ECN',
  },
  flagCombination: {
    S: '连接请求:三次握手第 1 步(或同时打开)。',
    'S.': 'SYN+ACK:服务端接受连接并发出自己的 SYN,握手第 2 步。',
    '.': '纯确认报文:握手第 3 步、数据确认、保活探测或窗口更新。',
    'P.': '带 PSH 的数据:接收方应立即交给应用。PSH 不影响连接状态。',
    'F.': 'FIN+ACK:发送方已发完数据(调用了 close() 或 shutdown())。',
    'FP.': '最后的数据与 FIN 在同一个报文中。',
    R: 'RST:中止。不带 ACK 时通常是对不属于任何连接的报文的回应。',
    'R.': 'RST+ACK:中止。端口无人监听时对 SYN 的常见回应。',
    SEW: '请求 ECN 的 SYN(同时置 ECE 与 CWR)。',
  },
  noFlags: '没有任何标志位:不是正常的 TCP 报文(扫描探测或构造的报文)。',
  state: {
    LISTEN: '在已绑定的端口上等待连接请求',
    SYN_SENT: '已发出 SYN,等待对端的 SYN',
    SYN_RCVD: '收到 SYN 并回复了 SYN+ACK,等待对自己 SYN 的确认',
    ESTABLISHED: '连接已建立:双向均可传输数据',
    FIN_WAIT_1: '已发出 FIN,尚未被确认',
    FIN_WAIT_2: '自己的 FIN 已被确认;仍可接收,等待对端的 FIN',
    CLOSE_WAIT: '对端已发完数据;等待本端应用调用 close()',
    CLOSING: '双方 FIN 交错;等待对自己 FIN 的确认',
    LAST_ACK: '在对端之后发出了 FIN;等待最后的 ACK',
    TIME_WAIT: '先关闭的一方;保留四元组 2×MSL(Linux 为 60 秒)以吸收迟到的报文',
    CLOSED: '没有连接',
    UNKNOWN: '抓包中尚无关于此端的信息',
  },
  step: {
    'handshake 1/3': '三次握手第 1/3 步:客户端请求连接(SYN,携带初始序号)。',
    'handshake 2/3': '三次握手第 2/3 步:服务端确认客户端的 SYN(ack = ISN+1),同时发出自己的 SYN。',
    'handshake 3/3': '三次握手第 3/3 步:客户端确认服务端的 SYN;双方进入 ESTABLISHED。',
    'handshake rejected (RST)': '连接请求被拒绝:该端口上没有接受连接的程序。',
    'handshake 1/4 (simultaneous: SYN)': '同时打开 1/4:此 SYN 在线路上与对端的 SYN 交错。',
    'handshake 2/4 (simultaneous: SYN)': '同时打开 2/4:对端在看到第一个 SYN 之前发出的自己的 SYN。',
    'handshake 3/4 (simultaneous: SYN-ACK)': '同时打开 3/4:确认对端 SYN 的 SYN+ACK。',
    'handshake 4/4 (simultaneous: SYN-ACK)': '同时打开 4/4:另一个 SYN+ACK;双方进入 ESTABLISHED。',
    'close 1/3': '关闭 1/3:发送方的数据已发完(FIN)。',
    'close 2/3': '关闭 2/3:对端确认该 FIN,并在同一报文中发出自己的 FIN。',
    'close 3/3': '关闭 3/3:最后的 FIN 被确认;先关闭的一方进入 TIME_WAIT 等待。',
    'close 1/4': '四次挥手第 1/4 步:发送方的数据已发完(FIN);对端收到后进入 CLOSE_WAIT。',
    'close 2/4': '四次挥手第 2/4 步:对端确认该 FIN;先关闭的一方转入 FIN_WAIT_2。',
    'close 3/4': '四次挥手第 3/4 步:对端应用也关闭了(FIN);它进入 LAST_ACK 等待。',
    'close 4/4':
      '四次挥手第 4/4 步:最后的 FIN 被确认;先关闭的一方在 TIME_WAIT 中等待,另一方进入 CLOSED。',
    'close 1/4 (simultaneous: FIN)': '同时关闭 1/4:此 FIN 与对端的 FIN 交错。',
    'close 2/4 (simultaneous: FIN)': '同时关闭 2/4:对端的 FIN,它没有确认第一个 FIN。',
    'close 3/4 (simultaneous: ACK of peer FIN)':
      '同时关闭 3/4:一个 FIN 被确认;其发送方由 CLOSING 进入 TIME_WAIT。',
    'close 4/4 (simultaneous: ACK of peer FIN)':
      '同时关闭 4/4:另一个 FIN 也被确认;双方都进入 TIME_WAIT。',
    'abort (RST)': '中止:RST 使双方立即结束连接,没有 TIME_WAIT。',
  },
  handshake: {
    complete: '握手完成',
    refused: '被拒绝',
    'half-open': '半打开',
    'no answer': '无应答',
    'simultaneous open': '同时打开',
    midstream: '未捕获(中途开始抓包)',
  },
  close: {
    '3-way': '三次关闭',
    '4-way': '四次挥手',
    'half-close': '半关闭',
    simultaneous: '同时关闭',
    abort: '被中止(RST)',
    incomplete: '关闭未完成',
    none: '未关闭',
  },
  finding: {
    rst: {
      title: '复位(RST)',
      what: '连接被 RST 中止:双方立即丢弃连接,没有 TIME_WAIT。',
      app: 'RST 发送方的对端在下一次读写时得到 ECONNRESET(104);之后的写操作返回 EPIPE(32)。',
      check:
        '看是哪一端、在何时发出的:紧跟在数据之后通常说明对端已没有这个连接(重启,或 NAT/负载均衡丢失了状态),或应用在有未读数据或 SO_LINGER 0 时关闭了套接字。',
    },
    refused: {
      title: '连接被拒绝',
      what: 'SYN 被 RST 回应:该端口上没有监听的套接字(或防火墙以 reset 方式 REJECT)。',
      app: 'connect() 返回 ECONNREFUSED(111)。',
      check: '服务是否在运行并监听该地址和端口(`ss -ltn`)?是否被防火墙拒绝?',
    },
    syn_retransmission: {
      title: 'SYN 重传',
      what: '客户端再次发送 SYN:没有及时收到 SYN+ACK。',
      app: 'connect() 继续等待;最后一次重试后(net.ipv4.tcp_syn_retries = 6 时约 127 秒)返回 ETIMEDOUT(110)。',
      check:
        '服务端是否可达?防火墙 DROP、路由错误,或服务端 SYN/accept 队列已满(查看 `nstat -az TcpExtListenOverflows`)。',
    },
    retransmission: {
      title: '重传',
      what: '同一段序号被再次发送:发送方没有及时收到确认(或得知发生了丢包)。',
      app: '应用不会立刻出错,但会感到延迟;若一直发不出去,Linux 在 net.ipv4.tcp_retries2(约 15 分钟)后放弃并返回 ETIMEDOUT(110)。',
      check: '路径上丢包、对端拥塞或宕机,或中间设备丢弃报文。',
    },
    fast_retransmission: {
      title: '快速重传',
      what: '收到两个或更多重复确认后,发送方立即重发了接收方一再索要的报文,没有等待重传计时器。',
      app: '短暂停顿;连接很快恢复。',
      check: '主机之间的丢包;偶尔一次正常,频繁出现则不正常。',
    },
    spurious_retransmission: {
      title: '伪重传',
      what: '接收方已确认过的数据又被发送了一次:原报文并未丢失,只是它的 ACK 来迟(或丢失)了。',
      app: '只是浪费带宽。',
      check: '回程路径上的 ACK 延迟或丢失;重传计时器短于实际往返时间。',
    },
    out_of_order: {
      title: '乱序',
      what: '在看到更靠后的数据之后不久,此报文填补了空缺:它乱序到达(或是一次快速重传)。',
      app: '偶尔出现无影响;频繁时接收方需重排,随后会有重复确认。',
      check: '路径上的乱序(多链路、负载均衡),或抓包点同时看到两条路径。',
    },
    lost_segment: {
      title: '前一报文未被捕获',
      what: '此报文的起始序号超过了期望的下一个字节:中间的报文丢失了,或者抓包没有捕获到。',
      app: '若真的丢失,随后会有重传;若只是抓包漏掉,则无影响。',
      check: '先检查抓包丢包(“dropped by kernel”计数、抓包长度、主机繁忙),再怀疑网络。',
    },
    ack_lost_segment: {
      title: '确认了未捕获的报文',
      what: '此 ACK 确认的数据在抓包中从未出现:抓包漏掉了另一方向的报文。',
      app: '无:对端确实收到了数据。',
      check: '抓包点或其丢包;非对称路由可能使一个方向不可见。',
    },
    zero_window_probe: {
      title: '零窗口探测',
      what: '接收方窗口为 0;发送方用一个字节试探窗口是否已重新打开。',
      app: '对端不读取时,发送方的写操作被阻塞。',
      check: '接收端应用:它为什么不读取?',
    },
    zero_window_probe_ack: {
      title: '零窗口探测已应答',
      what: '接收方应答了探测,但窗口仍为 0。',
      app: '仍被阻塞。',
      check: '接收端应用仍未读取。',
    },
    window_full: {
      title: '窗口已满',
      what: '此报文恰好填满了接收方通告的窗口:发送方必须等待 ACK 或窗口更新。',
      app: '吞吐量受限于接收方窗口。',
      check: '接收缓冲区(net.ipv4.tcp_rmem、窗口缩放)以及接收方的读取速度。',
    },
    window_update: {
      title: '窗口更新',
      what: '只有窗口变化:接收方告知发送方现在有了更多空间。',
      app: '无;零窗口之后,发送恢复。',
      check: '无需处理。',
    },
    duplicate_ack: {
      title: '重复确认',
      what: '接收方重复上一次的 ACK:有报文乱序到达,说明它之前的数据缺失。',
      app: '应用无感知;三个重复确认会触发快速重传。',
      check: '两台主机之间的丢包或乱序。',
    },
    zero_window: {
      title: '零窗口',
      what: '接收方通告窗口为 0:其接收缓冲区已满,发送方必须暂停。',
      app: '接收端应用读取太慢;发送方的写操作阻塞或其缓冲区被填满。',
      check: '接收端应用是否繁忙、卡住或过慢?其套接字缓冲区(net.ipv4.tcp_rmem)可能偏小。',
    },
    keep_alive: {
      title: '保活探测',
      what: '静默之后的探测(seq = 下一序号 − 1,没有新数据):发送方检查对端是否仍在。窗口探测看起来与之相同。',
      app: '只要有应答就无影响;若所有探测都无应答,连接以 ETIMEDOUT(110)失败。',
      check:
        'SO_KEEPALIVE 与 net.ipv4.tcp_keepalive_time / _intvl / _probes(默认 7200 秒 / 75 秒 / 9 次)。',
    },
    keep_alive_ack: {
      title: '保活已应答',
      what: '对端应答了探测:它仍在线,连接保持。',
      app: '无。',
      check: '无需处理。',
    },
    reused_ports: {
      title: '端口复用',
      what: '新的 SYN 以新的初始序号复用了之前连接的四元组。',
      app: '繁忙的客户端上很常见;若服务端的旧连接仍处于 TIME_WAIT,SYN 可能被拒绝。',
      check: '临时端口范围(net.ipv4.ip_local_port_range)和新建连接的速率。',
    },
    midstream: {
      title: '中途开始抓包',
      what: '未捕获到握手:假定双方为 ESTABLISHED,初始序号未知。',
      app: '无。',
      check: '在连接建立之前开始抓包,才能看到握手。',
    },
    syn_unanswered: {
      title: 'SYN 始终无应答',
      what: '所有 SYN 都没有应答:既没有 SYN+ACK,也没有 RST。',
      app: '重试结束后 connect() 返回 ETIMEDOUT(110);若收到 ICMP 错误则返回 EHOSTUNREACH(113)/ENETUNREACH(101)。',
      check: '主机是否在线且可达?静默 DROP 的防火墙、路由、安全组。',
    },
    half_open_handshake: {
      title: '握手未完成',
      what: '服务端回复了 SYN+ACK,但客户端始终没有确认。',
      app: '服务端在 SYN_RCVD 中保留半连接,并重发 SYN+ACK(net.ipv4.tcp_synack_retries);客户端可能已放弃。',
      check:
        '大量来自不同源的此类连接可能是 SYN 洪泛(开启 net.ipv4.tcp_syncookies);否则是客户端的 ACK 丢失或被过滤。',
    },
    close_wait_at_end: {
      title: '停留在 CLOSE_WAIT',
      what: '对端已关闭,其 FIN 也已被确认,但本端始终没有发出自己的 FIN。',
      app: '应用读到了 EOF(read() 返回 0)却没有调用 close():套接字泄漏文件描述符,直到 EMFILE(24)。',
      check: '应用的缺陷:read() 返回 0 时(包括出错路径)要关闭套接字。内核对 CLOSE_WAIT 没有超时。',
    },
    fin_wait_2_at_end: {
      title: '停留在 FIN_WAIT_2',
      what: '本端已关闭且 FIN 已被确认,但对端始终没有发出 FIN。',
      app: '对本端应用无影响;对端很可能卡在 CLOSE_WAIT。',
      check: '检查对端应用;孤儿 FIN_WAIT_2 在 net.ipv4.tcp_fin_timeout(60 秒)后被回收。',
    },
    last_ack_at_end: {
      title: '停留在 LAST_ACK',
      what: '本端在对端之后发出了 FIN,但最后的 ACK 一直没有到来。',
      app: '内核会重发 FIN,最终丢弃该连接。',
      check: '对端在发出 FIN 后立即消失(网络中断、主机离线)。',
    },
    syn_in_established: {
      title: '已建立连接中出现 SYN',
      what: '一个带新初始序号的 SYN 到达了一个仍处于 ESTABLISHED 的连接的四元组。',
      app: '接收方以挑战 ACK 回应(RFC 5961)并保留旧连接;若对端已重启,它会复位旧连接再重新连接。',
      check: '客户端是否重启或丢失了套接字状态(NAT 超时、崩溃)?反复出现说明有中间设备遗忘了连接。',
    },
    ack_wrong_direction: {
      title: 'ACK 方向错误',
      what: '握手期间,尚未回应 SYN 的一方发来了 ACK:握手顺序错乱。',
      app: '连接可能无法建立,或者过期报文干扰了两端。',
      check: '非对称路由、代替服务端应答的中间设备,或被注入握手的流量。',
    },
    data_after_fin: {
      title: 'FIN 之后仍有数据',
      what: '此端在自己的 FIN 之后还发送了数据:发出 FIN 后不应再有数据。',
      app: '接收方丢弃这些数据(并可能复位连接)。',
      check: '有缺陷的 TCP 协议栈或伪造的报文。',
    },
    data_after_rst: {
      title: 'RST 之后仍有数据',
      what: '数据到达了一个已被复位的连接。',
      app: '接收方已没有该连接:它再回一个 RST;发送方的下一次调用返回 ECONNRESET(104)或 EPIPE(32)。',
      check: '发送方尚未看到 RST(数据已在途中),或忽略了上一次调用的错误。',
    },
    rst_unexpected_seq: {
      title: 'RST 序号异常',
      what: '此 RST 携带的不是接收方期望的下一个序号,按 RFC 5961 不会被当作复位接受(最多回一个挑战 ACK)。',
      app: '无:连接继续。',
      check: '伪造的复位(中间设备或攻击者注入 RST),或来自旧连接的过期 RST。',
    },
    fin_unexpected_seq: {
      title: 'FIN 序号异常',
      what: '此 FIN 的起始序号不是发送方的下一个序号:之前的数据未被捕获,或 FIN 是伪造的。',
      app: '接收方会暂存该 FIN,直到缺失的数据到达。',
      check: '先排查抓包丢包;否则是中间设备或被注入的报文。',
    },
    keep_alive_unanswered: {
      title: '保活探测无应答',
      what: '连续多个保活探测没有应答:对端已不在(崩溃、断电或路径中断)。',
      app: '达到 net.ipv4.tcp_keepalive_probes 个无应答探测(默认 9 个)后,连接以 ETIMEDOUT(110)失败,Linux 发送 RST。',
      check: '对端主机是否在线?防火墙或 NAT 是否丢弃了空闲连接的状态?',
    },
    half_close_data: {
      title: '对端关闭后继续发送',
      what: '对端已发出 FIN(其发送方向已关闭),本端仍在发送数据:半关闭。',
      app: '对先关闭发送方向(shutdown(SHUT_WR))的协议来说是正常的;若对端实际已关闭套接字则是缺陷,它会以 RST 回应。',
      check: '确认对端是否有意使用 shutdown(),以及本端最终也会关闭。',
    },
    syn_flood: {
      title: '疑似 SYN 洪泛',
      what: '来自许多源地址、发往同一个监听端口的握手始终没有完成:SYN_RCVD 半连接不断堆积。',
      app: 'SYN 队列满后,正常客户端会超时(ETIMEDOUT),除非 SYN Cookie 接管。',
      check:
        'net.ipv4.tcp_syncookies(默认 1)、tcp_max_syn_backlog 与 listen() 的 backlog;在上游过滤这些源地址。',
    },
    port_scan: {
      title: '疑似端口扫描',
      what: '一台主机在短时间内向另一台主机的许多不同端口发送了 SYN。',
      app: '对应用无影响;关闭的端口以 RST 回应。',
      check: '扫描主机是否已知(监控、资产盘点工具)还是恶意的。',
    },
    time_wait_pileup: {
      title: 'TIME_WAIT 堆积',
      what: '一台主机主动关闭了大量发往同一目的地的短连接:在 Linux 上每个都会在 TIME_WAIT 中保留 60 秒。',
      app: '通往该目的地的临时端口耗尽时,connect() 返回 EADDRNOTAVAIL(99)。',
      check:
        '复用连接(keep-alive、连接池)、让对方先关闭、net.ipv4.ip_local_port_range、net.ipv4.tcp_tw_reuse。',
    },
    unrecognised_line: {
      title: '无法识别的行',
      what: '这一行不是 tcpdump Lens 认识的 tcpdump 输出格式。',
      app: '无。',
      check: '这是 tcpdump 的输出吗?手工编辑或与其他日志混在一起的行会被保留,但不做分析。',
    },
  },
  findingDetail: (d) => {
    const role = (r: string) => (r === 'client' ? '客户端' : '服务端');
    switch (d.kind) {
      case 'abort':
        return `由${role(d.by)}在 ${d.state} 状态下发出`;
      case 'retries':
        return `共 ${d.tries} 个 SYN${d.gaps.length > 0 ? `,间隔 ${d.gaps.map((g) => `${g} 秒`).join('、')}` : ''}`;
      case 'crowd':
        return `${d.seconds} 秒内 ${d.count} 个连接,其中不同的 ${d.distinct} 个`;
      case 'probes':
        return `连续 ${d.count} 个探测无应答`;
      case 'sequence':
        return `期望 ${d.expected},实际 ${d.actual}`;
    }
  },
  note: (n) => {
    const ms = (s: number) => (s < 0 ? '未知' : `${(s * 1000).toFixed(1)} 毫秒`);
    switch (n.reason) {
      case 'below_next':
        return `✓ ${n.rule}:起始序号 ${n.have} 小于下一个新字节 ${n.need}:这些字节之前已发送过。`;
      case 'few_duplicate_acks':
        return `✗ 不是快速重传:只看到 ${n.have} 个重复确认,需要 ${n.need} 个。`;
      case 'not_what_was_asked':
        return `✗ 不是快速重传:重复确认索要的是 ${n.need},本报文从 ${n.have} 开始。`;
      case 'too_late':
        return n.rule === 'out_of_order'
          ? `✗ 不是乱序:距最高序号报文 ${ms(n.have)},上限为 ${ms(n.need)}(握手往返时间,或 3 毫秒)。`
          : `✗ 不是快速重传:距上一个重复确认 ${ms(n.have)},上限为 ${ms(n.need)}。`;
      case 'window_changed':
        return `✗ 不是重复确认:窗口由 ${n.need} 变为 ${n.have}。`;
    }
  },
  verdict: {
    title: '结论',
    completeness: (label, flags) => `Wireshark 完整性:${label}(\`${flags}\`)`,
    zeek: (state, history) => `Zeek:conn_state \`${state}\`,history \`${history}\``,
    direction: (role, packets, bytes, retransmitted, rtt) =>
      `${role}:${packets} 个报文,${bytes} 字节数据${retransmitted > 0 ? `,重传 ${retransmitted} 个` : ''}${rtt ? `,RTT ${rtt}` : ''}`,
    initialRtt: (ms) => `握手 RTT ${ms}`,
  },
  transition: {
    sentSyn: '发出了 SYN',
    receivedSyn: '收到 SYN(监听端以 SYN+ACK 回应)',
    receivedSynSimultaneous: '自己的 SYN 在途时收到了对端的 SYN(同时打开)',
    sentSynAck: '以 SYN+ACK 回应',
    receivedSynAck: '收到确认自己 SYN 的 SYN+ACK',
    receivedHandshakeAck: '收到对自己 SYN 的确认',
    inferredEstablished: '假定已建立:抓包从连接中途开始',
    sentFin: '发出了 FIN(应用关闭了连接)',
    sentFinAfterPeer: '在对端之后发出了自己的 FIN(应用也关闭了)',
    receivedFin: '收到对端的 FIN(对端数据结束)',
    receivedFinCrossing: '自己的 FIN 尚未被确认时收到对端的 FIN(FIN 交错)',
    receivedFinAfterAck: '自己的 FIN 被确认之后收到对端的 FIN',
    finAcked: '自己的 FIN 被确认',
    finAckedClosing: 'FIN 交错之后,自己的 FIN 被确认',
    finAckedLastAck: '自己的 FIN 被确认:连接结束',
    sentRst: '发出了 RST',
    receivedRst: '收到了 RST',
    crossingFinLearned: '此前已发出自己的 FIN:双方 FIN 交错',
    unchanged: '不变',
  },
  option: {
    mss: (v) => `最大报文段长度:发送方接受的单个报文载荷最多 ${v} 字节。`,
    wscale: (v) =>
      `窗口缩放 ${v}:握手之后的窗口值要乘以 2^${v} = ${2 ** v}(仅当双方都发送此选项时生效)。`,
    sackOK: '支持选择性确认:接收方可以报告缺口之后已收到的数据块。',
    sack: (b) => `选择性确认:除 ACK 之外,还收到了这些数据块:${b}。它们之前的数据缺失。`,
    timestamp: (val, ecr) =>
      `时间戳(RFC 7323):TSval ${val} 是发送方的时钟,TSecr ${ecr} 回显对端最近的时钟${ecr === 0 ? '(尚未见到)' : ''};用于测量 RTT 和防止序号回绕。`,
    nop: '空操作:用于对齐下一个选项的填充。',
    eol: '选项列表结束。',
    other: (name) => `TCP 选项“${name}”。`,
  },
  field: {
    seqRange: (first, next, length, v) =>
      `序号 ${values(v)}:${length} 字节数据,字节 ${first}…${next}(最后一个数字是下一个字节,不属于本报文)。对端将以 ack ${next} 确认。`,
    seqSingle: (v, control) => `序号 ${values(v)}${control}。`,
    ack: (v, acknowledges) =>
      `确认号 ${values(v)}:发送方已收到此序号之前的全部字节,期待下一个字节就是它。${acknowledges ? `它确认的是${acknowledges}。` : ''}`,
    ackNoFlag: '没有置 ACK 标志,因此没有确认号。',
    win: (raw, scaled, shift, inSyn) =>
      inSyn
        ? `接收窗口 ${raw} 字节。SYN 报文中的窗口从不缩放。`
        : scaled !== null
          ? `接收窗口 ${raw} × 2^${shift} = ${scaled} 字节:本报文的发送方目前还能接收的数据量。`
          : `接收窗口 ${raw}${shift === null ? '(未捕获握手,缩放因子未知)' : ' 字节'}:本报文的发送方目前还能接收的数据量。`,
    length: (n) => (n === 0 ? '没有载荷:控制报文或确认报文。' : `载荷 ${n} 字节。`),
    relativeNote: 'tcpdump 以该流的第一个序号为零点显示。',
    absoluteNote: '绝对值。',
  },
  line: {
    connection: (id, client, server, inferred) =>
      `连接 c${id}:${client}(客户端${inferred ? ',推断' : ''})⇄ ${server}(服务端)`,
    direction: (from, to) => `${from} → ${to}`,
    step: '步骤',
    noStep: '不属于握手或关闭步骤',
    states: '状态',
    before: '之前',
    after: '之后',
    why: '原因',
    findings: '发现',
    whyNot: '判定依据',
    separator: ':',
    whatTheAppSaw: '应用看到',
    whatToCheck: '检查',
    packetRef: (packet, line) => `第 ${packet} 个报文(第 ${line + 1} 行)`,
    nonTcp: (protocol) => `${protocol.toUpperCase()} 报文:不属于任何 TCP 连接。`,
    unrecognised: (reason) => `无法识别这一行:${reason}。`,
    endpointRole: (role, id) => `连接 c${id} 的${role}`,
  },
  lens: {
    summary: (client, server, packets, handshake, close, fc, fs) =>
      `${client} ⇄ ${server} · ${packets} 个报文 · ${handshake} · ${close} · 客户端 ${fc},服务端 ${fs}`,
    findings: (n) => `⚠ ${n} 项发现`,
    diagram: '时序图',
  },
  status: {
    summary: (c, p, f) => `${c} 个连接 · ${p} 个报文${f > 0 ? ` · ${f} 项发现` : ''}`,
    tooltip: 'tcpdump Lens:此日志中的 TCP 连接、报文和发现',
  },
  symbol: {
    handshake: '握手',
    data: '数据',
    close: '关闭',
    connection: (client, server) => `${client} ⇄ ${server}`,
  },
  diagnostic: {
    related: '相关报文',
    notShown: (shown) =>
      `这里只列出最严重的 ${shown} 个发现：问题面板每个文件最多显示这么多，状态栏会统计全部发现。悬停提示仍会解释每一行，\`tcpdump-lens --format json\` 会列出全部发现。`,
  },
};
