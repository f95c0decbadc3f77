import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 630:
/***/ (function (__unused_webpack_module, exports) {



exports.toString = function (klass) {
  switch (klass) {
    case 1: return 'IN'
    case 2: return 'CS'
    case 3: return 'CH'
    case 4: return 'HS'
    case 255: return 'ANY'
  }
  return 'UNKNOWN_' + klass
}

exports.toClass = function (name) {
  switch (name.toUpperCase()) {
    case 'IN': return 1
    case 'CS': return 2
    case 'CH': return 3
    case 'HS': return 4
    case 'ANY': return 255
  }
  return 0
}


/***/ }),

/***/ 894:
/***/ (function (__unused_webpack_module, exports, __nccwpck_require__) {



const Buffer = (__nccwpck_require__(181).Buffer)
const types = __nccwpck_require__(891)
const rcodes = __nccwpck_require__(28)
const opcodes = __nccwpck_require__(693)
const classes = __nccwpck_require__(630)
const optioncodes = __nccwpck_require__(75)
const ip = __nccwpck_require__(550)

const QUERY_FLAG = 0
const RESPONSE_FLAG = 1 << 15
const FLUSH_MASK = 1 << 15
const NOT_FLUSH_MASK = ~FLUSH_MASK
const QU_MASK = 1 << 15
const NOT_QU_MASK = ~QU_MASK

const name = exports.name = {}

name.encode = function (str, buf, offset, { mail = false } = {}) {
  if (!buf) buf = Buffer.alloc(name.encodingLength(str))
  if (!offset) offset = 0
  const oldOffset = offset

  // strip leading and trailing .
  const n = str.replace(/^\.|\.$/gm, '')
  if (n.length) {
    let list = []
    if (mail) {
      let localPart = ''
      n.split('.').forEach(label => {
        if (label.endsWith('\\')) {
          localPart += (localPart.length ? '.' : '') + label.slice(0, -1)
        } else {
          if (list.length === 0 && localPart.length) {
            list.push(localPart + '.' + label)
          } else {
            list.push(label)
          }
        }
      })
    } else {
      list = n.split('.')
    }

    for (let i = 0; i < list.length; i++) {
      const len = buf.write(list[i], offset + 1)
      buf[offset] = len
      offset += len + 1
    }
  }

  buf[offset++] = 0

  name.encode.bytes = offset - oldOffset
  return buf
}

name.encode.bytes = 0

name.decode = function (buf, offset, { mail = false } = {}) {
  if (!offset) offset = 0

  const list = []
  let oldOffset = offset
  let totalLength = 0
  let consumedBytes = 0
  let jumped = false

  while (true) {
    if (offset >= buf.length) {
      throw new Error('Cannot decode name (buffer overflow)')
    }
    const len = buf[offset++]
    consumedBytes += jumped ? 0 : 1

    if (len === 0) {
      break
    } else if ((len & 0xc0) === 0) {
      if (offset + len > buf.length) {
        throw new Error('Cannot decode name (buffer overflow)')
      }
      totalLength += len + 1
      if (totalLength > 254) {
        throw new Error('Cannot decode name (name too long)')
      }
      let label = buf.toString('utf-8', offset, offset + len)
      if (mail) {
        label = label.replace(/\./g, '\\.')
      }
      list.push(label)
      offset += len
      consumedBytes += jumped ? 0 : len
    } else if ((len & 0xc0) === 0xc0) {
      if (offset + 1 > buf.length) {
        throw new Error('Cannot decode name (buffer overflow)')
      }
      const jumpOffset = buf.readUInt16BE(offset - 1) - 0xc000
      if (jumpOffset >= oldOffset) {
        // Allow only pointers to prior data. RFC 1035, section 4.1.4 states:
        // "[...] an entire domain name or a list of labels at the end of a domain name
        // is replaced with a pointer to a prior occurance (sic) of the same name."
        throw new Error('Cannot decode name (bad pointer)')
      }
      offset = jumpOffset
      oldOffset = jumpOffset
      consumedBytes += jumped ? 0 : 1
      jumped = true
    } else {
      throw new Error('Cannot decode name (bad label)')
    }
  }

  name.decode.bytes = consumedBytes
  return list.length === 0 ? '.' : list.join('.')
}

name.decode.bytes = 0

name.encodingLength = function (n) {
  if (n === '.' || n === '..') return 1
  return Buffer.byteLength(n.replace(/^\.|\.$/gm, '')) + 2
}

const string = {}

string.encode = function (s, buf, offset) {
  if (!buf) buf = Buffer.alloc(string.encodingLength(s))
  if (!offset) offset = 0

  const len = buf.write(s, offset + 1)
  buf[offset] = len
  string.encode.bytes = len + 1
  return buf
}

string.encode.bytes = 0

string.decode = function (buf, offset) {
  if (!offset) offset = 0

  const len = buf[offset]
  const s = buf.toString('utf-8', offset + 1, offset + 1 + len)
  string.decode.bytes = len + 1
  return s
}

string.decode.bytes = 0

string.encodingLength = function (s) {
  return Buffer.byteLength(s) + 1
}

const header = {}

header.encode = function (h, buf, offset) {
  if (!buf) buf = header.encodingLength(h)
  if (!offset) offset = 0

  const flags = (h.flags || 0) & 32767
  const type = h.type === 'response' ? RESPONSE_FLAG : QUERY_FLAG

  buf.writeUInt16BE(h.id || 0, offset)
  buf.writeUInt16BE(flags | type, offset + 2)
  buf.writeUInt16BE(h.questions.length, offset + 4)
  buf.writeUInt16BE(h.answers.length, offset + 6)
  buf.writeUInt16BE(h.authorities.length, offset + 8)
  buf.writeUInt16BE(h.additionals.length, offset + 10)

  return buf
}

header.encode.bytes = 12

header.decode = function (buf, offset) {
  if (!offset) offset = 0
  if (buf.length < 12) throw new Error('Header must be 12 bytes')
  const flags = buf.readUInt16BE(offset + 2)

  return {
    id: buf.readUInt16BE(offset),
    type: flags & RESPONSE_FLAG ? 'response' : 'query',
    flags: flags & 32767,
    flag_qr: ((flags >> 15) & 0x1) === 1,
    opcode: opcodes.toString((flags >> 11) & 0xf),
    flag_aa: ((flags >> 10) & 0x1) === 1,
    flag_tc: ((flags >> 9) & 0x1) === 1,
    flag_rd: ((flags >> 8) & 0x1) === 1,
    flag_ra: ((flags >> 7) & 0x1) === 1,
    flag_z: ((flags >> 6) & 0x1) === 1,
    flag_ad: ((flags >> 5) & 0x1) === 1,
    flag_cd: ((flags >> 4) & 0x1) === 1,
    rcode: rcodes.toString(flags & 0xf),
    questions: new Array(buf.readUInt16BE(offset + 4)),
    answers: new Array(buf.readUInt16BE(offset + 6)),
    authorities: new Array(buf.readUInt16BE(offset + 8)),
    additionals: new Array(buf.readUInt16BE(offset + 10))
  }
}

header.decode.bytes = 12

header.encodingLength = function () {
  return 12
}

const runknown = exports.unknown = {}

runknown.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(runknown.encodingLength(data))
  if (!offset) offset = 0

  buf.writeUInt16BE(data.length, offset)
  data.copy(buf, offset + 2)

  runknown.encode.bytes = data.length + 2
  return buf
}

runknown.encode.bytes = 0

runknown.decode = function (buf, offset) {
  if (!offset) offset = 0

  const len = buf.readUInt16BE(offset)
  const data = buf.slice(offset + 2, offset + 2 + len)
  runknown.decode.bytes = len + 2
  return data
}

runknown.decode.bytes = 0

runknown.encodingLength = function (data) {
  return data.length + 2
}

const rns = exports.ns = {}

rns.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rns.encodingLength(data))
  if (!offset) offset = 0

  name.encode(data, buf, offset + 2)
  buf.writeUInt16BE(name.encode.bytes, offset)
  rns.encode.bytes = name.encode.bytes + 2
  return buf
}

rns.encode.bytes = 0

rns.decode = function (buf, offset) {
  if (!offset) offset = 0

  const len = buf.readUInt16BE(offset)
  const dd = name.decode(buf, offset + 2)

  rns.decode.bytes = len + 2
  return dd
}

rns.decode.bytes = 0

rns.encodingLength = function (data) {
  return name.encodingLength(data) + 2
}

const rsoa = exports.soa = {}

rsoa.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rsoa.encodingLength(data))
  if (!offset) offset = 0

  const oldOffset = offset
  offset += 2
  name.encode(data.mname, buf, offset)
  offset += name.encode.bytes
  name.encode(data.rname, buf, offset, { mail: true })
  offset += name.encode.bytes
  buf.writeUInt32BE(data.serial || 0, offset)
  offset += 4
  buf.writeUInt32BE(data.refresh || 0, offset)
  offset += 4
  buf.writeUInt32BE(data.retry || 0, offset)
  offset += 4
  buf.writeUInt32BE(data.expire || 0, offset)
  offset += 4
  buf.writeUInt32BE(data.minimum || 0, offset)
  offset += 4

  buf.writeUInt16BE(offset - oldOffset - 2, oldOffset)
  rsoa.encode.bytes = offset - oldOffset
  return buf
}

rsoa.encode.bytes = 0

rsoa.decode = function (buf, offset) {
  if (!offset) offset = 0

  const oldOffset = offset

  const data = {}
  offset += 2
  data.mname = name.decode(buf, offset)
  offset += name.decode.bytes
  data.rname = name.decode(buf, offset, { mail: true })
  offset += name.decode.bytes
  data.serial = buf.readUInt32BE(offset)
  offset += 4
  data.refresh = buf.readUInt32BE(offset)
  offset += 4
  data.retry = buf.readUInt32BE(offset)
  offset += 4
  data.expire = buf.readUInt32BE(offset)
  offset += 4
  data.minimum = buf.readUInt32BE(offset)
  offset += 4

  rsoa.decode.bytes = offset - oldOffset
  return data
}

rsoa.decode.bytes = 0

rsoa.encodingLength = function (data) {
  return 22 + name.encodingLength(data.mname) + name.encodingLength(data.rname)
}

const rtxt = exports.txt = {}

rtxt.encode = function (data, buf, offset) {
  if (!Array.isArray(data)) data = [data]
  for (let i = 0; i < data.length; i++) {
    if (typeof data[i] === 'string') {
      data[i] = Buffer.from(data[i])
    }
    if (!Buffer.isBuffer(data[i])) {
      throw new Error('Must be a Buffer')
    }
  }

  if (!buf) buf = Buffer.alloc(rtxt.encodingLength(data))
  if (!offset) offset = 0

  const oldOffset = offset
  offset += 2

  data.forEach(function (d) {
    buf[offset++] = d.length
    d.copy(buf, offset, 0, d.length)
    offset += d.length
  })

  buf.writeUInt16BE(offset - oldOffset - 2, oldOffset)
  rtxt.encode.bytes = offset - oldOffset
  return buf
}

rtxt.encode.bytes = 0

rtxt.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset
  let remaining = buf.readUInt16BE(offset)
  offset += 2

  let data = []
  while (remaining > 0) {
    const len = buf[offset++]
    --remaining
    if (remaining < len) {
      throw new Error('Buffer overflow')
    }
    data.push(buf.slice(offset, offset + len))
    offset += len
    remaining -= len
  }

  rtxt.decode.bytes = offset - oldOffset
  return data
}

rtxt.decode.bytes = 0

rtxt.encodingLength = function (data) {
  if (!Array.isArray(data)) data = [data]
  let length = 2
  data.forEach(function (buf) {
    if (typeof buf === 'string') {
      length += Buffer.byteLength(buf) + 1
    } else {
      length += buf.length + 1
    }
  })
  return length
}

const rnull = exports["null"] = {}

rnull.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rnull.encodingLength(data))
  if (!offset) offset = 0

  if (typeof data === 'string') data = Buffer.from(data)
  if (!data) data = Buffer.alloc(0)

  const oldOffset = offset
  offset += 2

  const len = data.length
  data.copy(buf, offset, 0, len)
  offset += len

  buf.writeUInt16BE(offset - oldOffset - 2, oldOffset)
  rnull.encode.bytes = offset - oldOffset
  return buf
}

rnull.encode.bytes = 0

rnull.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset
  const len = buf.readUInt16BE(offset)

  offset += 2

  const data = buf.slice(offset, offset + len)
  offset += len

  rnull.decode.bytes = offset - oldOffset
  return data
}

rnull.decode.bytes = 0

rnull.encodingLength = function (data) {
  if (!data) return 2
  return (Buffer.isBuffer(data) ? data.length : Buffer.byteLength(data)) + 2
}

const rhinfo = exports.hinfo = {}

rhinfo.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rhinfo.encodingLength(data))
  if (!offset) offset = 0

  const oldOffset = offset
  offset += 2
  string.encode(data.cpu, buf, offset)
  offset += string.encode.bytes
  string.encode(data.os, buf, offset)
  offset += string.encode.bytes
  buf.writeUInt16BE(offset - oldOffset - 2, oldOffset)
  rhinfo.encode.bytes = offset - oldOffset
  return buf
}

rhinfo.encode.bytes = 0

rhinfo.decode = function (buf, offset) {
  if (!offset) offset = 0

  const oldOffset = offset

  const data = {}
  offset += 2
  data.cpu = string.decode(buf, offset)
  offset += string.decode.bytes
  data.os = string.decode(buf, offset)
  offset += string.decode.bytes
  rhinfo.decode.bytes = offset - oldOffset
  return data
}

rhinfo.decode.bytes = 0

rhinfo.encodingLength = function (data) {
  return string.encodingLength(data.cpu) + string.encodingLength(data.os) + 2
}

const rptr = exports.ptr = {}
const rcname = exports.cname = rptr
const rdname = exports.dname = rptr

rptr.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rptr.encodingLength(data))
  if (!offset) offset = 0

  name.encode(data, buf, offset + 2)
  buf.writeUInt16BE(name.encode.bytes, offset)
  rptr.encode.bytes = name.encode.bytes + 2
  return buf
}

rptr.encode.bytes = 0

rptr.decode = function (buf, offset) {
  if (!offset) offset = 0

  const data = name.decode(buf, offset + 2)
  rptr.decode.bytes = name.decode.bytes + 2
  return data
}

rptr.decode.bytes = 0

rptr.encodingLength = function (data) {
  return name.encodingLength(data) + 2
}

const rsrv = exports.srv = {}

rsrv.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rsrv.encodingLength(data))
  if (!offset) offset = 0

  buf.writeUInt16BE(data.priority || 0, offset + 2)
  buf.writeUInt16BE(data.weight || 0, offset + 4)
  buf.writeUInt16BE(data.port || 0, offset + 6)
  name.encode(data.target, buf, offset + 8)

  const len = name.encode.bytes + 6
  buf.writeUInt16BE(len, offset)

  rsrv.encode.bytes = len + 2
  return buf
}

rsrv.encode.bytes = 0

rsrv.decode = function (buf, offset) {
  if (!offset) offset = 0

  const len = buf.readUInt16BE(offset)

  const data = {}
  data.priority = buf.readUInt16BE(offset + 2)
  data.weight = buf.readUInt16BE(offset + 4)
  data.port = buf.readUInt16BE(offset + 6)
  data.target = name.decode(buf, offset + 8)

  rsrv.decode.bytes = len + 2
  return data
}

rsrv.decode.bytes = 0

rsrv.encodingLength = function (data) {
  return 8 + name.encodingLength(data.target)
}

const rcaa = exports.caa = {}

rcaa.ISSUER_CRITICAL = 1 << 7

rcaa.encode = function (data, buf, offset) {
  const len = rcaa.encodingLength(data)

  if (!buf) buf = Buffer.alloc(rcaa.encodingLength(data))
  if (!offset) offset = 0

  if (data.issuerCritical) {
    data.flags = rcaa.ISSUER_CRITICAL
  }

  buf.writeUInt16BE(len - 2, offset)
  offset += 2
  buf.writeUInt8(data.flags || 0, offset)
  offset += 1
  string.encode(data.tag, buf, offset)
  offset += string.encode.bytes
  buf.write(data.value, offset)
  offset += Buffer.byteLength(data.value)

  rcaa.encode.bytes = len
  return buf
}

rcaa.encode.bytes = 0

rcaa.decode = function (buf, offset) {
  if (!offset) offset = 0

  const len = buf.readUInt16BE(offset)
  offset += 2

  const oldOffset = offset
  const data = {}
  data.flags = buf.readUInt8(offset)
  offset += 1
  data.tag = string.decode(buf, offset)
  offset += string.decode.bytes
  data.value = buf.toString('utf-8', offset, oldOffset + len)

  data.issuerCritical = !!(data.flags & rcaa.ISSUER_CRITICAL)

  rcaa.decode.bytes = len + 2

  return data
}

rcaa.decode.bytes = 0

rcaa.encodingLength = function (data) {
  return string.encodingLength(data.tag) + string.encodingLength(data.value) + 2
}

const rmx = exports.mx = {}

rmx.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rmx.encodingLength(data))
  if (!offset) offset = 0

  const oldOffset = offset
  offset += 2
  buf.writeUInt16BE(data.preference || 0, offset)
  offset += 2
  name.encode(data.exchange, buf, offset)
  offset += name.encode.bytes

  buf.writeUInt16BE(offset - oldOffset - 2, oldOffset)
  rmx.encode.bytes = offset - oldOffset
  return buf
}

rmx.encode.bytes = 0

rmx.decode = function (buf, offset) {
  if (!offset) offset = 0

  const oldOffset = offset

  const data = {}
  offset += 2
  data.preference = buf.readUInt16BE(offset)
  offset += 2
  data.exchange = name.decode(buf, offset)
  offset += name.decode.bytes

  rmx.decode.bytes = offset - oldOffset
  return data
}

rmx.encodingLength = function (data) {
  return 4 + name.encodingLength(data.exchange)
}

const ra = exports.a = {}

ra.encode = function (host, buf, offset) {
  if (!buf) buf = Buffer.alloc(ra.encodingLength(host))
  if (!offset) offset = 0

  buf.writeUInt16BE(4, offset)
  offset += 2
  ip.v4.encode(host, buf, offset)
  ra.encode.bytes = 6
  return buf
}

ra.encode.bytes = 0

ra.decode = function (buf, offset) {
  if (!offset) offset = 0

  offset += 2
  const host = ip.v4.decode(buf, offset)
  ra.decode.bytes = 6
  return host
}

ra.decode.bytes = 0

ra.encodingLength = function () {
  return 6
}

const raaaa = exports.aaaa = {}

raaaa.encode = function (host, buf, offset) {
  if (!buf) buf = Buffer.alloc(raaaa.encodingLength(host))
  if (!offset) offset = 0

  buf.writeUInt16BE(16, offset)
  offset += 2
  ip.v6.encode(host, buf, offset)
  raaaa.encode.bytes = 18
  return buf
}

raaaa.encode.bytes = 0

raaaa.decode = function (buf, offset) {
  if (!offset) offset = 0

  offset += 2
  const host = ip.v6.decode(buf, offset)
  raaaa.decode.bytes = 18
  return host
}

raaaa.decode.bytes = 0

raaaa.encodingLength = function () {
  return 18
}

const roption = exports.option = {}

roption.encode = function (option, buf, offset) {
  if (!buf) buf = Buffer.alloc(roption.encodingLength(option))
  if (!offset) offset = 0
  const oldOffset = offset

  const code = optioncodes.toCode(option.code)
  buf.writeUInt16BE(code, offset)
  offset += 2
  if (option.data) {
    buf.writeUInt16BE(option.data.length, offset)
    offset += 2
    option.data.copy(buf, offset)
    offset += option.data.length
  } else {
    switch (code) {
      // case 3: NSID.  No encode makes sense.
      // case 5,6,7: Not implementable
      case 8: // ECS
        // note: do IP math before calling
        const spl = option.sourcePrefixLength || 0
        const fam = option.family || ip.familyOf(option.ip)
        const ipBuf = ip.encode(option.ip, Buffer.alloc)
        const ipLen = Math.ceil(spl / 8)
        buf.writeUInt16BE(ipLen + 4, offset)
        offset += 2
        buf.writeUInt16BE(fam, offset)
        offset += 2
        buf.writeUInt8(spl, offset++)
        buf.writeUInt8(option.scopePrefixLength || 0, offset++)

        ipBuf.copy(buf, offset, 0, ipLen)
        offset += ipLen
        break
      // case 9: EXPIRE (experimental)
      // case 10: COOKIE.  No encode makes sense.
      case 11: // KEEP-ALIVE
        if (option.timeout) {
          buf.writeUInt16BE(2, offset)
          offset += 2
          buf.writeUInt16BE(option.timeout, offset)
          offset += 2
        } else {
          buf.writeUInt16BE(0, offset)
          offset += 2
        }
        break
      case 12: // PADDING
        const len = option.length || 0
        buf.writeUInt16BE(len, offset)
        offset += 2
        buf.fill(0, offset, offset + len)
        offset += len
        break
      // case 13:  CHAIN.  Experimental.
      case 14: // KEY-TAG
        const tagsLen = option.tags.length * 2
        buf.writeUInt16BE(tagsLen, offset)
        offset += 2
        for (const tag of option.tags) {
          buf.writeUInt16BE(tag, offset)
          offset += 2
        }
        break
      default:
        throw new Error(`Unknown roption code: ${option.code}`)
    }
  }

  roption.encode.bytes = offset - oldOffset
  return buf
}

roption.encode.bytes = 0

roption.decode = function (buf, offset) {
  if (!offset) offset = 0
  const option = {}
  option.code = buf.readUInt16BE(offset)
  option.type = optioncodes.toString(option.code)
  offset += 2
  const len = buf.readUInt16BE(offset)
  offset += 2
  option.data = buf.slice(offset, offset + len)
  switch (option.code) {
    // case 3: NSID.  No decode makes sense.
    case 8: // ECS
      option.family = buf.readUInt16BE(offset)
      offset += 2
      option.sourcePrefixLength = buf.readUInt8(offset++)
      option.scopePrefixLength = buf.readUInt8(offset++)
      const padded = Buffer.alloc((option.family === 1) ? 4 : 16)
      buf.copy(padded, 0, offset, offset + len - 4)
      option.ip = ip.decode(padded)
      break
    // case 12: Padding.  No decode makes sense.
    case 11: // KEEP-ALIVE
      if (len > 0) {
        option.timeout = buf.readUInt16BE(offset)
        offset += 2
      }
      break
    case 14:
      option.tags = []
      for (let i = 0; i < len; i += 2) {
        option.tags.push(buf.readUInt16BE(offset))
        offset += 2
      }
    // don't worry about default.  caller will use data if desired
  }

  roption.decode.bytes = len + 4
  return option
}

roption.decode.bytes = 0

roption.encodingLength = function (option) {
  if (option.data) {
    return option.data.length + 4
  }
  const code = optioncodes.toCode(option.code)
  switch (code) {
    case 8: // ECS
      const spl = option.sourcePrefixLength || 0
      return Math.ceil(spl / 8) + 8
    case 11: // KEEP-ALIVE
      return (typeof option.timeout === 'number') ? 6 : 4
    case 12: // PADDING
      return option.length + 4
    case 14: // KEY-TAG
      return 4 + (option.tags.length * 2)
  }
  throw new Error(`Unknown roption code: ${option.code}`)
}

const ropt = exports.opt = {}

ropt.encode = function (options, buf, offset) {
  if (!buf) buf = Buffer.alloc(ropt.encodingLength(options))
  if (!offset) offset = 0
  const oldOffset = offset

  const rdlen = encodingLengthList(options, roption)
  buf.writeUInt16BE(rdlen, offset)
  offset = encodeList(options, roption, buf, offset + 2)

  ropt.encode.bytes = offset - oldOffset
  return buf
}

ropt.encode.bytes = 0

ropt.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  const options = []
  let rdlen = buf.readUInt16BE(offset)
  offset += 2
  let o = 0
  while (rdlen > 0) {
    options[o++] = roption.decode(buf, offset)
    offset += roption.decode.bytes
    rdlen -= roption.decode.bytes
  }
  ropt.decode.bytes = offset - oldOffset
  return options
}

ropt.decode.bytes = 0

ropt.encodingLength = function (options) {
  return 2 + encodingLengthList(options || [], roption)
}

const rdnskey = exports.dnskey = {}

rdnskey.PROTOCOL_DNSSEC = 3
rdnskey.ZONE_KEY = 0x80
rdnskey.SECURE_ENTRYPOINT = 0x8000

rdnskey.encode = function (key, buf, offset) {
  if (!buf) buf = Buffer.alloc(rdnskey.encodingLength(key))
  if (!offset) offset = 0
  const oldOffset = offset

  const keydata = key.key
  if (!Buffer.isBuffer(keydata)) {
    throw new Error('Key must be a Buffer')
  }

  offset += 2 // Leave space for length
  buf.writeUInt16BE(key.flags, offset)
  offset += 2
  buf.writeUInt8(rdnskey.PROTOCOL_DNSSEC, offset)
  offset += 1
  buf.writeUInt8(key.algorithm, offset)
  offset += 1
  keydata.copy(buf, offset, 0, keydata.length)
  offset += keydata.length

  rdnskey.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rdnskey.encode.bytes - 2, oldOffset)
  return buf
}

rdnskey.encode.bytes = 0

rdnskey.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  var key = {}
  var length = buf.readUInt16BE(offset)
  offset += 2
  key.flags = buf.readUInt16BE(offset)
  offset += 2
  if (buf.readUInt8(offset) !== rdnskey.PROTOCOL_DNSSEC) {
    throw new Error('Protocol must be 3')
  }
  offset += 1
  key.algorithm = buf.readUInt8(offset)
  offset += 1
  key.key = buf.slice(offset, oldOffset + length + 2)
  offset += key.key.length
  rdnskey.decode.bytes = offset - oldOffset
  return key
}

rdnskey.decode.bytes = 0

rdnskey.encodingLength = function (key) {
  return 6 + Buffer.byteLength(key.key)
}

const rrrsig = exports.rrsig = {}

rrrsig.encode = function (sig, buf, offset) {
  if (!buf) buf = Buffer.alloc(rrrsig.encodingLength(sig))
  if (!offset) offset = 0
  const oldOffset = offset

  const signature = sig.signature
  if (!Buffer.isBuffer(signature)) {
    throw new Error('Signature must be a Buffer')
  }

  offset += 2 // Leave space for length
  buf.writeUInt16BE(types.toType(sig.typeCovered), offset)
  offset += 2
  buf.writeUInt8(sig.algorithm, offset)
  offset += 1
  buf.writeUInt8(sig.labels, offset)
  offset += 1
  buf.writeUInt32BE(sig.originalTTL, offset)
  offset += 4
  buf.writeUInt32BE(sig.expiration, offset)
  offset += 4
  buf.writeUInt32BE(sig.inception, offset)
  offset += 4
  buf.writeUInt16BE(sig.keyTag, offset)
  offset += 2
  name.encode(sig.signersName, buf, offset)
  offset += name.encode.bytes
  signature.copy(buf, offset, 0, signature.length)
  offset += signature.length

  rrrsig.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rrrsig.encode.bytes - 2, oldOffset)
  return buf
}

rrrsig.encode.bytes = 0

rrrsig.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  var sig = {}
  var length = buf.readUInt16BE(offset)
  offset += 2
  sig.typeCovered = types.toString(buf.readUInt16BE(offset))
  offset += 2
  sig.algorithm = buf.readUInt8(offset)
  offset += 1
  sig.labels = buf.readUInt8(offset)
  offset += 1
  sig.originalTTL = buf.readUInt32BE(offset)
  offset += 4
  sig.expiration = buf.readUInt32BE(offset)
  offset += 4
  sig.inception = buf.readUInt32BE(offset)
  offset += 4
  sig.keyTag = buf.readUInt16BE(offset)
  offset += 2
  sig.signersName = name.decode(buf, offset)
  offset += name.decode.bytes
  sig.signature = buf.slice(offset, oldOffset + length + 2)
  offset += sig.signature.length
  rrrsig.decode.bytes = offset - oldOffset
  return sig
}

rrrsig.decode.bytes = 0

rrrsig.encodingLength = function (sig) {
  return 20 +
    name.encodingLength(sig.signersName) +
    Buffer.byteLength(sig.signature)
}

const rrp = exports.rp = {}

rrp.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rrp.encodingLength(data))
  if (!offset) offset = 0
  const oldOffset = offset

  offset += 2 // Leave space for length
  name.encode(data.mbox || '.', buf, offset, { mail: true })
  offset += name.encode.bytes
  name.encode(data.txt || '.', buf, offset)
  offset += name.encode.bytes
  rrp.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rrp.encode.bytes - 2, oldOffset)
  return buf
}

rrp.encode.bytes = 0

rrp.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  const data = {}
  offset += 2
  data.mbox = name.decode(buf, offset, { mail: true }) || '.'
  offset += name.decode.bytes
  data.txt = name.decode(buf, offset) || '.'
  offset += name.decode.bytes
  rrp.decode.bytes = offset - oldOffset
  return data
}

rrp.decode.bytes = 0

rrp.encodingLength = function (data) {
  return 2 + name.encodingLength(data.mbox || '.') + name.encodingLength(data.txt || '.')
}

const typebitmap = {}

typebitmap.encode = function (typelist, buf, offset) {
  if (!buf) buf = Buffer.alloc(typebitmap.encodingLength(typelist))
  if (!offset) offset = 0
  const oldOffset = offset

  var typesByWindow = []
  for (var i = 0; i < typelist.length; i++) {
    var typeid = types.toType(typelist[i])
    if (typesByWindow[typeid >> 8] === undefined) {
      typesByWindow[typeid >> 8] = []
    }
    typesByWindow[typeid >> 8][(typeid >> 3) & 0x1F] |= 1 << (7 - (typeid & 0x7))
  }

  for (i = 0; i < typesByWindow.length; i++) {
    if (typesByWindow[i] !== undefined) {
      var windowBuf = Buffer.from(typesByWindow[i])
      buf.writeUInt8(i, offset)
      offset += 1
      buf.writeUInt8(windowBuf.length, offset)
      offset += 1
      windowBuf.copy(buf, offset)
      offset += windowBuf.length
    }
  }

  typebitmap.encode.bytes = offset - oldOffset
  return buf
}

typebitmap.encode.bytes = 0

typebitmap.decode = function (buf, offset, length) {
  if (!offset) offset = 0
  const oldOffset = offset

  var typelist = []
  while (offset - oldOffset < length) {
    var window = buf.readUInt8(offset)
    offset += 1
    var windowLength = buf.readUInt8(offset)
    offset += 1
    for (var i = 0; i < windowLength; i++) {
      var b = buf.readUInt8(offset + i)
      for (var j = 0; j < 8; j++) {
        if (b & (1 << (7 - j))) {
          var typeid = types.toString((window << 8) | (i << 3) | j)
          typelist.push(typeid)
        }
      }
    }
    offset += windowLength
  }

  typebitmap.decode.bytes = offset - oldOffset
  return typelist
}

typebitmap.decode.bytes = 0

typebitmap.encodingLength = function (typelist) {
  var extents = []
  for (var i = 0; i < typelist.length; i++) {
    var typeid = types.toType(typelist[i])
    extents[typeid >> 8] = Math.max(extents[typeid >> 8] || 0, typeid & 0xFF)
  }

  var len = 0
  for (i = 0; i < extents.length; i++) {
    if (extents[i] !== undefined) {
      len += 2 + Math.ceil((extents[i] + 1) / 8)
    }
  }

  return len
}

const rnsec = exports.nsec = {}

rnsec.encode = function (record, buf, offset) {
  if (!buf) buf = Buffer.alloc(rnsec.encodingLength(record))
  if (!offset) offset = 0
  const oldOffset = offset

  offset += 2 // Leave space for length
  name.encode(record.nextDomain, buf, offset)
  offset += name.encode.bytes
  typebitmap.encode(record.rrtypes, buf, offset)
  offset += typebitmap.encode.bytes

  rnsec.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rnsec.encode.bytes - 2, oldOffset)
  return buf
}

rnsec.encode.bytes = 0

rnsec.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  var record = {}
  var length = buf.readUInt16BE(offset)
  offset += 2
  record.nextDomain = name.decode(buf, offset)
  offset += name.decode.bytes
  record.rrtypes = typebitmap.decode(buf, offset, length - (offset - oldOffset))
  offset += typebitmap.decode.bytes

  rnsec.decode.bytes = offset - oldOffset
  return record
}

rnsec.decode.bytes = 0

rnsec.encodingLength = function (record) {
  return 2 +
    name.encodingLength(record.nextDomain) +
    typebitmap.encodingLength(record.rrtypes)
}

const rnsec3 = exports.nsec3 = {}

rnsec3.encode = function (record, buf, offset) {
  if (!buf) buf = Buffer.alloc(rnsec3.encodingLength(record))
  if (!offset) offset = 0
  const oldOffset = offset

  const salt = record.salt
  if (!Buffer.isBuffer(salt)) {
    throw new Error('salt must be a Buffer')
  }

  const nextDomain = record.nextDomain
  if (!Buffer.isBuffer(nextDomain)) {
    throw new Error('nextDomain must be a Buffer')
  }

  offset += 2 // Leave space for length
  buf.writeUInt8(record.algorithm, offset)
  offset += 1
  buf.writeUInt8(record.flags, offset)
  offset += 1
  buf.writeUInt16BE(record.iterations, offset)
  offset += 2
  buf.writeUInt8(salt.length, offset)
  offset += 1
  salt.copy(buf, offset, 0, salt.length)
  offset += salt.length
  buf.writeUInt8(nextDomain.length, offset)
  offset += 1
  nextDomain.copy(buf, offset, 0, nextDomain.length)
  offset += nextDomain.length
  typebitmap.encode(record.rrtypes, buf, offset)
  offset += typebitmap.encode.bytes

  rnsec3.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rnsec3.encode.bytes - 2, oldOffset)
  return buf
}

rnsec3.encode.bytes = 0

rnsec3.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  var record = {}
  var length = buf.readUInt16BE(offset)
  offset += 2
  record.algorithm = buf.readUInt8(offset)
  offset += 1
  record.flags = buf.readUInt8(offset)
  offset += 1
  record.iterations = buf.readUInt16BE(offset)
  offset += 2
  const saltLength = buf.readUInt8(offset)
  offset += 1
  record.salt = buf.slice(offset, offset + saltLength)
  offset += saltLength
  const hashLength = buf.readUInt8(offset)
  offset += 1
  record.nextDomain = buf.slice(offset, offset + hashLength)
  offset += hashLength
  record.rrtypes = typebitmap.decode(buf, offset, length - (offset - oldOffset))
  offset += typebitmap.decode.bytes

  rnsec3.decode.bytes = offset - oldOffset
  return record
}

rnsec3.decode.bytes = 0

rnsec3.encodingLength = function (record) {
  return 8 +
    record.salt.length +
    record.nextDomain.length +
    typebitmap.encodingLength(record.rrtypes)
}

const rds = exports.ds = {}

rds.encode = function (digest, buf, offset) {
  if (!buf) buf = Buffer.alloc(rds.encodingLength(digest))
  if (!offset) offset = 0
  const oldOffset = offset

  const digestdata = digest.digest
  if (!Buffer.isBuffer(digestdata)) {
    throw new Error('Digest must be a Buffer')
  }

  offset += 2 // Leave space for length
  buf.writeUInt16BE(digest.keyTag, offset)
  offset += 2
  buf.writeUInt8(digest.algorithm, offset)
  offset += 1
  buf.writeUInt8(digest.digestType, offset)
  offset += 1
  digestdata.copy(buf, offset, 0, digestdata.length)
  offset += digestdata.length

  rds.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rds.encode.bytes - 2, oldOffset)
  return buf
}

rds.encode.bytes = 0

rds.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  var digest = {}
  var length = buf.readUInt16BE(offset)
  offset += 2
  digest.keyTag = buf.readUInt16BE(offset)
  offset += 2
  digest.algorithm = buf.readUInt8(offset)
  offset += 1
  digest.digestType = buf.readUInt8(offset)
  offset += 1
  digest.digest = buf.slice(offset, oldOffset + length + 2)
  offset += digest.digest.length
  rds.decode.bytes = offset - oldOffset
  return digest
}

rds.decode.bytes = 0

rds.encodingLength = function (digest) {
  return 6 + Buffer.byteLength(digest.digest)
}

const rsshfp = exports.sshfp = {}

rsshfp.getFingerprintLengthForHashType = function getFingerprintLengthForHashType (hashType) {
  switch (hashType) {
    case 1: return 20
    case 2: return 32
  }
}

rsshfp.encode = function encode (record, buf, offset) {
  if (!buf) buf = Buffer.alloc(rsshfp.encodingLength(record))
  if (!offset) offset = 0
  const oldOffset = offset

  offset += 2 // The function call starts with the offset pointer at the RDLENGTH field, not the RDATA one
  buf[offset] = record.algorithm
  offset += 1
  buf[offset] = record.hash
  offset += 1

  const fingerprintBuf = Buffer.from(record.fingerprint.toUpperCase(), 'hex')
  if (fingerprintBuf.length !== rsshfp.getFingerprintLengthForHashType(record.hash)) {
    throw new Error('Invalid fingerprint length')
  }
  fingerprintBuf.copy(buf, offset)
  offset += fingerprintBuf.byteLength

  rsshfp.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rsshfp.encode.bytes - 2, oldOffset)

  return buf
}

rsshfp.encode.bytes = 0

rsshfp.decode = function decode (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  const record = {}
  offset += 2 // Account for the RDLENGTH field
  record.algorithm = buf[offset]
  offset += 1
  record.hash = buf[offset]
  offset += 1

  const fingerprintLength = rsshfp.getFingerprintLengthForHashType(record.hash)
  record.fingerprint = buf.slice(offset, offset + fingerprintLength).toString('hex').toUpperCase()
  offset += fingerprintLength
  rsshfp.decode.bytes = offset - oldOffset
  return record
}

rsshfp.decode.bytes = 0

rsshfp.encodingLength = function (record) {
  return 4 + Buffer.from(record.fingerprint, 'hex').byteLength
}

const rnaptr = exports.naptr = {}

rnaptr.encode = function (data, buf, offset) {
  if (!buf) buf = Buffer.alloc(rnaptr.encodingLength(data))
  if (!offset) offset = 0
  const oldOffset = offset
  offset += 2
  buf.writeUInt16BE(data.order || 0, offset)
  offset += 2
  buf.writeUInt16BE(data.preference || 0, offset)
  offset += 2
  string.encode(data.flags, buf, offset)
  offset += string.encode.bytes
  string.encode(data.services, buf, offset)
  offset += string.encode.bytes
  string.encode(data.regexp, buf, offset)
  offset += string.encode.bytes
  name.encode(data.replacement, buf, offset)
  offset += name.encode.bytes
  rnaptr.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rnaptr.encode.bytes - 2, oldOffset)
  return buf
}

rnaptr.encode.bytes = 0

rnaptr.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset
  const data = {}
  offset += 2
  data.order = buf.readUInt16BE(offset)
  offset += 2
  data.preference = buf.readUInt16BE(offset)
  offset += 2
  data.flags = string.decode(buf, offset)
  offset += string.decode.bytes
  data.services = string.decode(buf, offset)
  offset += string.decode.bytes
  data.regexp = string.decode(buf, offset)
  offset += string.decode.bytes
  data.replacement = name.decode(buf, offset)
  offset += name.decode.bytes
  rnaptr.decode.bytes = offset - oldOffset
  return data
}

rnaptr.decode.bytes = 0

rnaptr.encodingLength = function (data) {
  return string.encodingLength(data.flags) +
    string.encodingLength(data.services) +
    string.encodingLength(data.regexp) +
    name.encodingLength(data.replacement) + 6
}

const rtlsa = exports.tlsa = {}

rtlsa.encode = function (cert, buf, offset) {
  if (!buf) buf = Buffer.alloc(rtlsa.encodingLength(cert))
  if (!offset) offset = 0
  const oldOffset = offset

  const certdata = cert.certificate
  if (!Buffer.isBuffer(certdata)) {
    throw new Error('Certificate must be a Buffer')
  }

  offset += 2 // Leave space for length
  buf.writeUInt8(cert.usage, offset)
  offset += 1
  buf.writeUInt8(cert.selector, offset)
  offset += 1
  buf.writeUInt8(cert.matchingType, offset)
  offset += 1
  certdata.copy(buf, offset, 0, certdata.length)
  offset += certdata.length

  rtlsa.encode.bytes = offset - oldOffset
  buf.writeUInt16BE(rtlsa.encode.bytes - 2, oldOffset)
  return buf
}

rtlsa.encode.bytes = 0

rtlsa.decode = function (buf, offset) {
  if (!offset) offset = 0
  const oldOffset = offset

  const cert = {}
  const length = buf.readUInt16BE(offset)
  offset += 2
  cert.usage = buf.readUInt8(offset)
  offset += 1
  cert.selector = buf.readUInt8(offset)
  offset += 1
  cert.matchingType = buf.readUInt8(offset)
  offset += 1
  cert.certificate = buf.slice(offset, oldOffset + length + 2)
  offset += cert.certificate.length
  rtlsa.decode.bytes = offset - oldOffset
  return cert
}

rtlsa.decode.bytes = 0

rtlsa.encodingLength = function (cert) {
  return 5 + Buffer.byteLength(cert.certificate)
}

const renc = exports.record = function (type) {
  switch (type.toUpperCase()) {
    case 'A': return ra
    case 'PTR': return rptr
    case 'CNAME': return rcname
    case 'DNAME': return rdname
    case 'TXT': return rtxt
    case 'NULL': return rnull
    case 'AAAA': return raaaa
    case 'SRV': return rsrv
    case 'HINFO': return rhinfo
    case 'CAA': return rcaa
    case 'NS': return rns
    case 'SOA': return rsoa
    case 'MX': return rmx
    case 'OPT': return ropt
    case 'DNSKEY': return rdnskey
    case 'RRSIG': return rrrsig
    case 'RP': return rrp
    case 'NSEC': return rnsec
    case 'NSEC3': return rnsec3
    case 'SSHFP': return rsshfp
    case 'DS': return rds
    case 'NAPTR': return rnaptr
    case 'TLSA': return rtlsa
  }
  return runknown
}

const answer = exports.answer = {}

answer.encode = function (a, buf, offset) {
  if (!buf) buf = Buffer.alloc(answer.encodingLength(a))
  if (!offset) offset = 0

  const oldOffset = offset

  name.encode(a.name, buf, offset)
  offset += name.encode.bytes

  buf.writeUInt16BE(types.toType(a.type), offset)

  if (a.type.toUpperCase() === 'OPT') {
    if (a.name !== '.') {
      throw new Error('OPT name must be root.')
    }
    buf.writeUInt16BE(a.udpPayloadSize || 4096, offset + 2)
    buf.writeUInt8(a.extendedRcode || 0, offset + 4)
    buf.writeUInt8(a.ednsVersion || 0, offset + 5)
    buf.writeUInt16BE(a.flags || 0, offset + 6)

    offset += 8
    ropt.encode(a.options || [], buf, offset)
    offset += ropt.encode.bytes
  } else {
    let klass = classes.toClass(a.class === undefined ? 'IN' : a.class)
    if (a.flush) klass |= FLUSH_MASK // the 1st bit of the class is the flush bit
    buf.writeUInt16BE(klass, offset + 2)
    buf.writeUInt32BE(a.ttl || 0, offset + 4)

    offset += 8
    const enc = renc(a.type)
    enc.encode(a.data, buf, offset)
    offset += enc.encode.bytes
  }

  answer.encode.bytes = offset - oldOffset
  return buf
}

answer.encode.bytes = 0

answer.decode = function (buf, offset) {
  if (!offset) offset = 0

  const a = {}
  const oldOffset = offset

  a.name = name.decode(buf, offset)
  offset += name.decode.bytes
  a.type = types.toString(buf.readUInt16BE(offset))
  if (a.type === 'OPT') {
    a.udpPayloadSize = buf.readUInt16BE(offset + 2)
    a.extendedRcode = buf.readUInt8(offset + 4)
    a.ednsVersion = buf.readUInt8(offset + 5)
    a.flags = buf.readUInt16BE(offset + 6)
    a.flag_do = ((a.flags >> 15) & 0x1) === 1
    a.options = ropt.decode(buf, offset + 8)
    offset += 8 + ropt.decode.bytes
  } else {
    const klass = buf.readUInt16BE(offset + 2)
    a.ttl = buf.readUInt32BE(offset + 4)

    a.class = classes.toString(klass & NOT_FLUSH_MASK)
    a.flush = !!(klass & FLUSH_MASK)

    const enc = renc(a.type)
    a.data = enc.decode(buf, offset + 8)
    offset += 8 + enc.decode.bytes
  }

  answer.decode.bytes = offset - oldOffset
  return a
}

answer.decode.bytes = 0

answer.encodingLength = function (a) {
  const data = (a.data !== null && a.data !== undefined) ? a.data : a.options
  return name.encodingLength(a.name) + 8 + renc(a.type).encodingLength(data)
}

const question = exports.question = {}

question.encode = function (q, buf, offset) {
  if (!buf) buf = Buffer.alloc(question.encodingLength(q))
  if (!offset) offset = 0

  const oldOffset = offset

  name.encode(q.name, buf, offset)
  offset += name.encode.bytes

  buf.writeUInt16BE(types.toType(q.type), offset)
  offset += 2

  buf.writeUInt16BE(classes.toClass(q.class === undefined ? 'IN' : q.class), offset)
  offset += 2

  question.encode.bytes = offset - oldOffset
  return q
}

question.encode.bytes = 0

question.decode = function (buf, offset) {
  if (!offset) offset = 0

  const oldOffset = offset
  const q = {}

  q.name = name.decode(buf, offset)
  offset += name.decode.bytes

  q.type = types.toString(buf.readUInt16BE(offset))
  offset += 2

  q.class = classes.toString(buf.readUInt16BE(offset))
  offset += 2

  const qu = !!(q.class & QU_MASK)
  if (qu) q.class &= NOT_QU_MASK

  question.decode.bytes = offset - oldOffset
  return q
}

question.decode.bytes = 0

question.encodingLength = function (q) {
  return name.encodingLength(q.name) + 4
}

exports.AUTHORITATIVE_ANSWER = 1 << 10
exports.TRUNCATED_RESPONSE = 1 << 9
exports.RECURSION_DESIRED = 1 << 8
exports.RECURSION_AVAILABLE = 1 << 7
exports.AUTHENTIC_DATA = 1 << 5
exports.CHECKING_DISABLED = 1 << 4
exports.DNSSEC_OK = 1 << 15

exports.encode = function (result, buf, offset) {
  const allocing = !buf

  if (allocing) buf = Buffer.alloc(exports.encodingLength(result))
  if (!offset) offset = 0

  const oldOffset = offset

  if (!result.questions) result.questions = []
  if (!result.answers) result.answers = []
  if (!result.authorities) result.authorities = []
  if (!result.additionals) result.additionals = []

  header.encode(result, buf, offset)
  offset += header.encode.bytes

  offset = encodeList(result.questions, question, buf, offset)
  offset = encodeList(result.answers, answer, buf, offset)
  offset = encodeList(result.authorities, answer, buf, offset)
  offset = encodeList(result.additionals, answer, buf, offset)

  exports.encode.bytes = offset - oldOffset

  // just a quick sanity check
  if (allocing && exports.encode.bytes !== buf.length) {
    return buf.slice(0, exports.encode.bytes)
  }

  return buf
}

exports.encode.bytes = 0

exports.decode = function (buf, offset) {
  if (!offset) offset = 0

  const oldOffset = offset
  const result = header.decode(buf, offset)
  offset += header.decode.bytes

  offset = decodeList(result.questions, question, buf, offset)
  offset = decodeList(result.answers, answer, buf, offset)
  offset = decodeList(result.authorities, answer, buf, offset)
  offset = decodeList(result.additionals, answer, buf, offset)

  exports.decode.bytes = offset - oldOffset

  return result
}

exports.decode.bytes = 0

exports.encodingLength = function (result) {
  return header.encodingLength(result) +
    encodingLengthList(result.questions || [], question) +
    encodingLengthList(result.answers || [], answer) +
    encodingLengthList(result.authorities || [], answer) +
    encodingLengthList(result.additionals || [], answer)
}

exports.streamEncode = function (result) {
  const buf = exports.encode(result)
  const sbuf = Buffer.alloc(2)
  sbuf.writeUInt16BE(buf.byteLength)
  const combine = Buffer.concat([sbuf, buf])
  exports.streamEncode.bytes = combine.byteLength
  return combine
}

exports.streamEncode.bytes = 0

exports.streamDecode = function (sbuf) {
  const len = sbuf.readUInt16BE(0)
  if (sbuf.byteLength < len + 2) {
    // not enough data
    return null
  }
  const result = exports.decode(sbuf.slice(2))
  exports.streamDecode.bytes = exports.decode.bytes
  return result
}

exports.streamDecode.bytes = 0

function encodingLengthList (list, enc) {
  let len = 0
  for (let i = 0; i < list.length; i++) len += enc.encodingLength(list[i])
  return len
}

function encodeList (list, enc, buf, offset) {
  for (let i = 0; i < list.length; i++) {
    enc.encode(list[i], buf, offset)
    offset += enc.encode.bytes
  }
  return offset
}

function decodeList (list, enc, buf, offset) {
  for (let i = 0; i < list.length; i++) {
    list[i] = enc.decode(buf, offset)
    offset += enc.decode.bytes
  }
  return offset
}


/***/ }),

/***/ 693:
/***/ (function (__unused_webpack_module, exports) {



/*
 * Traditional DNS header OPCODEs (4-bits) defined by IANA in
 * https://www.iana.org/assignments/dns-parameters/dns-parameters.xhtml#dns-parameters-5
 */

exports.toString = function (opcode) {
  switch (opcode) {
    case 0: return 'QUERY'
    case 1: return 'IQUERY'
    case 2: return 'STATUS'
    case 3: return 'OPCODE_3'
    case 4: return 'NOTIFY'
    case 5: return 'UPDATE'
    case 6: return 'OPCODE_6'
    case 7: return 'OPCODE_7'
    case 8: return 'OPCODE_8'
    case 9: return 'OPCODE_9'
    case 10: return 'OPCODE_10'
    case 11: return 'OPCODE_11'
    case 12: return 'OPCODE_12'
    case 13: return 'OPCODE_13'
    case 14: return 'OPCODE_14'
    case 15: return 'OPCODE_15'
  }
  return 'OPCODE_' + opcode
}

exports.toOpcode = function (code) {
  switch (code.toUpperCase()) {
    case 'QUERY': return 0
    case 'IQUERY': return 1
    case 'STATUS': return 2
    case 'OPCODE_3': return 3
    case 'NOTIFY': return 4
    case 'UPDATE': return 5
    case 'OPCODE_6': return 6
    case 'OPCODE_7': return 7
    case 'OPCODE_8': return 8
    case 'OPCODE_9': return 9
    case 'OPCODE_10': return 10
    case 'OPCODE_11': return 11
    case 'OPCODE_12': return 12
    case 'OPCODE_13': return 13
    case 'OPCODE_14': return 14
    case 'OPCODE_15': return 15
  }
  return 0
}


/***/ }),

/***/ 75:
/***/ (function (__unused_webpack_module, exports) {



exports.toString = function (type) {
  switch (type) {
    // list at
    // https://www.iana.org/assignments/dns-parameters/dns-parameters.xhtml#dns-parameters-11
    case 1: return 'LLQ'
    case 2: return 'UL'
    case 3: return 'NSID'
    case 5: return 'DAU'
    case 6: return 'DHU'
    case 7: return 'N3U'
    case 8: return 'CLIENT_SUBNET'
    case 9: return 'EXPIRE'
    case 10: return 'COOKIE'
    case 11: return 'TCP_KEEPALIVE'
    case 12: return 'PADDING'
    case 13: return 'CHAIN'
    case 14: return 'KEY_TAG'
    case 26946: return 'DEVICEID'
  }
  if (type < 0) {
    return null
  }
  return `OPTION_${type}`
}

exports.toCode = function (name) {
  if (typeof name === 'number') {
    return name
  }
  if (!name) {
    return -1
  }
  switch (name.toUpperCase()) {
    case 'OPTION_0': return 0
    case 'LLQ': return 1
    case 'UL': return 2
    case 'NSID': return 3
    case 'OPTION_4': return 4
    case 'DAU': return 5
    case 'DHU': return 6
    case 'N3U': return 7
    case 'CLIENT_SUBNET': return 8
    case 'EXPIRE': return 9
    case 'COOKIE': return 10
    case 'TCP_KEEPALIVE': return 11
    case 'PADDING': return 12
    case 'CHAIN': return 13
    case 'KEY_TAG': return 14
    case 'DEVICEID': return 26946
    case 'OPTION_65535': return 65535
  }
  const m = name.match(/_(\d+)$/)
  if (m) {
    return parseInt(m[1], 10)
  }
  return -1
}


/***/ }),

/***/ 28:
/***/ (function (__unused_webpack_module, exports) {



/*
 * Traditional DNS header RCODEs (4-bits) defined by IANA in
 * https://www.iana.org/assignments/dns-parameters/dns-parameters.xhtml
 */

exports.toString = function (rcode) {
  switch (rcode) {
    case 0: return 'NOERROR'
    case 1: return 'FORMERR'
    case 2: return 'SERVFAIL'
    case 3: return 'NXDOMAIN'
    case 4: return 'NOTIMP'
    case 5: return 'REFUSED'
    case 6: return 'YXDOMAIN'
    case 7: return 'YXRRSET'
    case 8: return 'NXRRSET'
    case 9: return 'NOTAUTH'
    case 10: return 'NOTZONE'
    case 11: return 'RCODE_11'
    case 12: return 'RCODE_12'
    case 13: return 'RCODE_13'
    case 14: return 'RCODE_14'
    case 15: return 'RCODE_15'
  }
  return 'RCODE_' + rcode
}

exports.toRcode = function (code) {
  switch (code.toUpperCase()) {
    case 'NOERROR': return 0
    case 'FORMERR': return 1
    case 'SERVFAIL': return 2
    case 'NXDOMAIN': return 3
    case 'NOTIMP': return 4
    case 'REFUSED': return 5
    case 'YXDOMAIN': return 6
    case 'YXRRSET': return 7
    case 'NXRRSET': return 8
    case 'NOTAUTH': return 9
    case 'NOTZONE': return 10
    case 'RCODE_11': return 11
    case 'RCODE_12': return 12
    case 'RCODE_13': return 13
    case 'RCODE_14': return 14
    case 'RCODE_15': return 15
  }
  return 0
}


/***/ }),

/***/ 891:
/***/ (function (__unused_webpack_module, exports) {



exports.toString = function (type) {
  switch (type) {
    case 1: return 'A'
    case 10: return 'NULL'
    case 28: return 'AAAA'
    case 18: return 'AFSDB'
    case 42: return 'APL'
    case 257: return 'CAA'
    case 60: return 'CDNSKEY'
    case 59: return 'CDS'
    case 37: return 'CERT'
    case 5: return 'CNAME'
    case 49: return 'DHCID'
    case 32769: return 'DLV'
    case 39: return 'DNAME'
    case 48: return 'DNSKEY'
    case 43: return 'DS'
    case 55: return 'HIP'
    case 13: return 'HINFO'
    case 45: return 'IPSECKEY'
    case 25: return 'KEY'
    case 36: return 'KX'
    case 29: return 'LOC'
    case 15: return 'MX'
    case 35: return 'NAPTR'
    case 2: return 'NS'
    case 47: return 'NSEC'
    case 50: return 'NSEC3'
    case 51: return 'NSEC3PARAM'
    case 12: return 'PTR'
    case 46: return 'RRSIG'
    case 17: return 'RP'
    case 24: return 'SIG'
    case 6: return 'SOA'
    case 99: return 'SPF'
    case 33: return 'SRV'
    case 44: return 'SSHFP'
    case 32768: return 'TA'
    case 249: return 'TKEY'
    case 52: return 'TLSA'
    case 250: return 'TSIG'
    case 16: return 'TXT'
    case 252: return 'AXFR'
    case 251: return 'IXFR'
    case 41: return 'OPT'
    case 255: return 'ANY'
  }
  return 'UNKNOWN_' + type
}

exports.toType = function (name) {
  switch (name.toUpperCase()) {
    case 'A': return 1
    case 'NULL': return 10
    case 'AAAA': return 28
    case 'AFSDB': return 18
    case 'APL': return 42
    case 'CAA': return 257
    case 'CDNSKEY': return 60
    case 'CDS': return 59
    case 'CERT': return 37
    case 'CNAME': return 5
    case 'DHCID': return 49
    case 'DLV': return 32769
    case 'DNAME': return 39
    case 'DNSKEY': return 48
    case 'DS': return 43
    case 'HIP': return 55
    case 'HINFO': return 13
    case 'IPSECKEY': return 45
    case 'KEY': return 25
    case 'KX': return 36
    case 'LOC': return 29
    case 'MX': return 15
    case 'NAPTR': return 35
    case 'NS': return 2
    case 'NSEC': return 47
    case 'NSEC3': return 50
    case 'NSEC3PARAM': return 51
    case 'PTR': return 12
    case 'RRSIG': return 46
    case 'RP': return 17
    case 'SIG': return 24
    case 'SOA': return 6
    case 'SPF': return 99
    case 'SRV': return 33
    case 'SSHFP': return 44
    case 'TA': return 32768
    case 'TKEY': return 249
    case 'TLSA': return 52
    case 'TSIG': return 250
    case 'TXT': return 16
    case 'AXFR': return 252
    case 'IXFR': return 251
    case 'OPT': return 41
    case 'ANY': return 255
    case '*': return 255
  }
  if (name.toUpperCase().startsWith('UNKNOWN_')) return parseInt(name.slice(8))
  return 0
}


/***/ }),

/***/ 181:
/***/ (function (module) {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 550:
/***/ (function (module) {

// GENERATED FILE. DO NOT EDIT.
var ipCodec = (function(exports) {
  "use strict";
  
  Object.defineProperty(exports, "__esModule", {
    value: true
  });
  exports.decode = decode;
  exports.encode = encode;
  exports.familyOf = familyOf;
  exports.name = void 0;
  exports.sizeOf = sizeOf;
  exports.v6 = exports.v4 = void 0;
  const v4Regex = /^(\d{1,3}\.){3,3}\d{1,3}$/;
  const v4Size = 4;
  const v6Regex = /^(::)?(((\d{1,3}\.){3}(\d{1,3}){1})?([0-9a-f]){0,4}:{0,2}){1,8}(::)?$/i;
  const v6Size = 16;
  const v4 = {
    name: 'v4',
    size: v4Size,
    isFormat: ip => v4Regex.test(ip),
  
    encode(ip, buff, offset) {
      offset = ~~offset;
      buff = buff || new Uint8Array(offset + v4Size);
      const max = ip.length;
      let n = 0;
  
      for (let i = 0; i < max;) {
        const c = ip.charCodeAt(i++);
  
        if (c === 46) {
          // "."
          buff[offset++] = n;
          n = 0;
        } else {
          n = n * 10 + (c - 48);
        }
      }
  
      buff[offset] = n;
      return buff;
    },
  
    decode(buff, offset) {
      offset = ~~offset;
      return `${buff[offset++]}.${buff[offset++]}.${buff[offset++]}.${buff[offset]}`;
    }
  
  };
  exports.v4 = v4;
  const v6 = {
    name: 'v6',
    size: v6Size,
    isFormat: ip => ip.length > 0 && v6Regex.test(ip),
  
    encode(ip, buff, offset) {
      offset = ~~offset;
      let end = offset + v6Size;
      let fill = -1;
      let hexN = 0;
      let decN = 0;
      let prevColon = true;
      let useDec = false;
      buff = buff || new Uint8Array(offset + v6Size); // Note: This algorithm needs to check if the offset
      // could exceed the buffer boundaries as it supports
      // non-standard compliant encodings that may go beyond
      // the boundary limits. if (offset < end) checks should
      // not be necessary...
  
      for (let i = 0; i < ip.length; i++) {
        let c = ip.charCodeAt(i);
  
        if (c === 58) {
          // :
          if (prevColon) {
            if (fill !== -1) {
              // Not Standard! (standard doesn't allow multiple ::)
              // We need to treat
              if (offset < end) buff[offset] = 0;
              if (offset < end - 1) buff[offset + 1] = 0;
              offset += 2;
            } else if (offset < end) {
              // :: in the middle
              fill = offset;
            }
          } else {
            // : ends the previous number
            if (useDec === true) {
              // Non-standard! (ipv4 should be at end only)
              // A ipv4 address should not be found anywhere else but at
              // the end. This codec also support putting characters
              // after the ipv4 address..
              if (offset < end) buff[offset] = decN;
              offset++;
            } else {
              if (offset < end) buff[offset] = hexN >> 8;
              if (offset < end - 1) buff[offset + 1] = hexN & 0xff;
              offset += 2;
            }
  
            hexN = 0;
            decN = 0;
          }
  
          prevColon = true;
          useDec = false;
        } else if (c === 46) {
          // . indicates IPV4 notation
          if (offset < end) buff[offset] = decN;
          offset++;
          decN = 0;
          hexN = 0;
          prevColon = false;
          useDec = true;
        } else {
          prevColon = false;
  
          if (c >= 97) {
            c -= 87; // a-f ... 97~102 -87 => 10~15
          } else if (c >= 65) {
            c -= 55; // A-F ... 65~70 -55 => 10~15
          } else {
            c -= 48; // 0-9 ... starting from charCode 48
  
            decN = decN * 10 + c;
          } // We don't know yet if its a dec or hex number
  
  
          hexN = (hexN << 4) + c;
        }
      }
  
      if (prevColon === false) {
        // Commiting last number
        if (useDec === true) {
          if (offset < end) buff[offset] = decN;
          offset++;
        } else {
          if (offset < end) buff[offset] = hexN >> 8;
          if (offset < end - 1) buff[offset + 1] = hexN & 0xff;
          offset += 2;
        }
      } else if (fill === 0) {
        // Not Standard! (standard doesn't allow multiple ::)
        // This means that a : was found at the start AND end which means the
        // end needs to be treated as 0 entry...
        if (offset < end) buff[offset] = 0;
        if (offset < end - 1) buff[offset + 1] = 0;
        offset += 2;
      } else if (fill !== -1) {
        // Non-standard! (standard doens't allow multiple ::)
        // Here we find that there has been a :: somewhere in the middle
        // and the end. To treat the end with priority we need to move all
        // written data two bytes to the right.
        offset += 2;
  
        for (let i = Math.min(offset - 1, end - 1); i >= fill + 2; i--) {
          buff[i] = buff[i - 2];
        }
  
        buff[fill] = 0;
        buff[fill + 1] = 0;
        fill = offset;
      }
  
      if (fill !== offset && fill !== -1) {
        // Move the written numbers to the end while filling the everything
        // "fill" to the bytes with zeros.
        if (offset > end - 2) {
          // Non Standard support, when the cursor exceeds bounds.
          offset = end - 2;
        }
  
        while (end > fill) {
          buff[--end] = offset < end && offset > fill ? buff[--offset] : 0;
        }
      } else {
        // Fill the rest with zeros
        while (offset < end) {
          buff[offset++] = 0;
        }
      }
  
      return buff;
    },
  
    decode(buff, offset) {
      offset = ~~offset;
      let result = '';
  
      for (let i = 0; i < v6Size; i += 2) {
        if (i !== 0) {
          result += ':';
        }
  
        result += (buff[offset + i] << 8 | buff[offset + i + 1]).toString(16);
      }
  
      return result.replace(/(^|:)0(:0)*:0(:|$)/, '$1::$3').replace(/:{3,4}/, '::');
    }
  
  };
  exports.v6 = v6;
  const name = 'ip';
  exports.name = name;
  
  function sizeOf(ip) {
    if (v4.isFormat(ip)) return v4.size;
    if (v6.isFormat(ip)) return v6.size;
    throw Error(`Invalid ip address: ${ip}`);
  }
  
  function familyOf(string) {
    return sizeOf(string) === v4.size ? 1 : 2;
  }
  
  function encode(ip, buff, offset) {
    offset = ~~offset;
    const size = sizeOf(ip);
  
    if (typeof buff === 'function') {
      buff = buff(offset + size);
    }
  
    if (size === v4.size) {
      return v4.encode(ip, buff, offset);
    }
  
    return v6.encode(ip, buff, offset);
  }
  
  function decode(buff, offset, length) {
    offset = ~~offset;
    length = length || buff.length - offset;
  
    if (length === v4.size) {
      return v4.decode(buff, offset, length);
    }
  
    if (length === v6.size) {
      return v6.decode(buff, offset, length);
    }
  
    throw Error(`Invalid buffer size needs to be ${v4.size} for v4 or ${v6.size} for v6.`);
  }
  return "default" in exports ? exports.default : exports;
})({});
if (typeof define === 'function' && define.amd) define([], function() { return ipCodec; });
else if (true) module.exports = ipCodec;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/engine/settings/names.ts
/**
 * The settings a run takes, by the names a workflow writes them, and their bounds: one table for
 * the engine's validators, the action's inputs and the CLI's flags (the same names with `--`).
 */
var SettingName;
(function (SettingName) {
    SettingName["ApiKey"] = "api-key";
    SettingName["Mode"] = "mode";
    SettingName["RequireTls"] = "require-tls";
    SettingName["RequireValidCert"] = "require-valid-cert";
    SettingName["MinVersion"] = "min-version";
    SettingName["Subuser"] = "subuser";
    SettingName["AccountId"] = "account-id";
    SettingName["IncludeParent"] = "include-parent";
    SettingName["Region"] = "region";
    SettingName["ApiUrl"] = "api-url";
    SettingName["Concurrency"] = "concurrency";
    SettingName["AllowStricter"] = "allow-stricter";
    SettingName["RequestTimeout"] = "request-timeout";
    SettingName["MaxChanges"] = "max-changes";
    SettingName["PolicyFile"] = "policy-file";
    SettingName["Forecast"] = "forecast";
    SettingName["ForecastDays"] = "forecast-days";
    SettingName["ForecastRequests"] = "forecast-requests";
    SettingName["DnsServers"] = "dns-servers";
    SettingName["MaxBlockedDomains"] = "max-blocked-domains";
})(SettingName || (SettingName = {}));
/**
 * Each field of the setting as a user writes it: the action's input, the CLI's flag without its
 * `--`, and the policy file's key are one name.
 */
const FIELD_SETTINGS = {
    require_tls: SettingName.RequireTls,
    require_valid_cert: SettingName.RequireValidCert,
    version: SettingName.MinVersion
};
const REGION_URLS = {
    global: 'https://api.sendgrid.com',
    eu: 'https://api.eu.sendgrid.com'
};
/** Email Logs requests per target's forecast: about one search per 1,000 messages and one read per mail provider. */
const DEFAULT_FORECAST_REQUESTS = 1500;
/** Under ten, a forecast cannot both search and read; past 100,000, one target would hold the rate limit for hours. */
const MIN_FORECAST_REQUESTS = 10;
const MAX_FORECAST_REQUESTS = 100_000;
const MAX_CONCURRENCY = 32;
/** SendGrid's keys are 69 characters; room for another format, not for a file pasted in. */
const MAX_KEY_LENGTH = 256;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_REQUEST_TIMEOUT_S = 30;
/** Below a second, a healthy answer from across the world times out; above five minutes, a dead one holds a runner for half an hour. */
const MIN_REQUEST_TIMEOUT_S = 1;
const MAX_REQUEST_TIMEOUT_S = 300;

;// CONCATENATED MODULE: ./src/action/constants.ts

/**
 * The action's contract with its workflow: the names in action.yml, kept in one place. The
 * engine's settings, under the same names, and what only a step has: the pull-request comment
 * and the rolling drift issue.
 */
const Input = {
    ...SettingName,
    PrComment: 'pr-comment',
    DriftIssue: 'drift-issue',
    GithubToken: 'github-token',
    ExportFile: 'export-file'
};
var Output;
(function (Output) {
    Output["Compliant"] = "compliant";
    Output["Changed"] = "changed";
    Output["Prior"] = "prior";
    Output["Result"] = "result";
    Output["RequireTls"] = "require-tls";
    Output["RequireValidCert"] = "require-valid-cert";
    Output["MinVersion"] = "min-version";
    Output["Report"] = "report";
    Output["Forecast"] = "forecast";
    Output["ReportFile"] = "report-file";
    Output["ExportFile"] = "export-file";
})(Output || (Output = {}));

;// CONCATENATED MODULE: ./src/core/closest.ts
/**
 * The known name a mistyped one was probably meant to be, or undefined when none is close: one
 * slip in a short name, two in a longer one. Further than that, a guess misleads more than it helps.
 */
function closest(name, known) {
    const [nearest] = known
        .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
        .sort((a, b) => a.distance - b.distance);
    return nearest && nearest.distance <= (name.length > 5 ? 2 : 1) ? nearest.candidate : undefined;
}
/** Edits between two names, a swap of neighbouring letters counting as one, as typing slips do. */
function editDistance(a, b) {
    const width = b.length + 1;
    const d = [];
    const at = (i, j) => d[i * width + j] ?? 0;
    for (let i = 0; i <= a.length; i++) {
        for (let j = 0; j <= b.length; j++) {
            let edits = i + j;
            if (i > 0 && j > 0) {
                edits = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                    edits = Math.min(edits, at(i - 2, j - 2) + 1);
            }
            d[i * width + j] = edits;
        }
    }
    return at(a.length, b.length);
}

;// CONCATENATED MODULE: ./stand-in/demo/args.ts
/**
 * The command line of `npm start`: the action's inputs as `--name value`, and the demo's own
 * `--serve`, `--port N` and `--help`. Pure, so that every way of getting it wrong is unit-tested.
 */


/**
 * The inputs the demo accepts as flags. Kept in the code rather than read from action.yml, since
 * the bundled demo runs from any directory; a test keeps it equal to action.yml's inputs.
 */
const INPUT_FLAGS = Object.values(Input);
const SWITCHES = ['serve', 'help'];
const KNOWN_FLAGS = [...INPUT_FLAGS, ...SWITCHES, 'port'];
/** A command line the demo refuses: the message names the flag, and nothing is run. */
class UsageError extends Error {
}
function parseDemoArgs(argv) {
    const parsed = { help: false, serve: false, port: 0, inputs: {} };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        if (arg === '-h') {
            parsed.help = true;
            continue;
        }
        const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
        if (!match?.[1])
            throw new UsageError(`Unexpected argument '${arg}': pass inputs as --name value, e.g. --mode plan`);
        const [, name, inline] = match;
        if (!KNOWN_FLAGS.includes(name))
            throw new UsageError(unknownFlag(name));
        if (SWITCHES.includes(name)) {
            if (inline !== undefined)
                throw new UsageError(`--${name} takes no value`);
            if (name === 'help')
                parsed.help = true;
            else
                parsed.serve = true;
            continue;
        }
        let value = inline;
        if (value === undefined) {
            const next = argv[i + 1];
            // A flag right after is far more likely a forgotten value than a value that starts with --.
            if (next === undefined || next.startsWith('--'))
                throw new UsageError(`--${name} needs a value (--${name}= for an empty one)`);
            value = next;
            i++;
        }
        if (name === 'port')
            parsed.port = parsePort(value);
        else
            parsed.inputs[name] = value;
    }
    return parsed;
}
function parsePort(value) {
    const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
    if (!(port <= 65535))
        throw new UsageError(`--port must be a whole number from 0 to 65535, not '${value}'`);
    return port;
}
function unknownFlag(name) {
    const nearest = closest(name, KNOWN_FLAGS);
    const hint = nearest ? `; did you mean --${nearest}?` : '';
    return `Unknown flag --${name}${hint} (npm start -- --help lists the flags)`;
}
/** Names after one another, broken into lines that fit a terminal, each line indented. */
function wrap(names, indent, width = 96) {
    const lines = [];
    let line = '';
    for (const name of names) {
        const next = line ? `${line}, ${name}` : name;
        if (line && indent.length + next.length + 1 > width) {
            lines.push(`${line},`);
            line = name;
        }
        else
            line = next;
    }
    lines.push(line);
    return lines.map((l) => indent + l).join('\n');
}
const USAGE = `Usage: npm start -- [--name value ...] [--serve] [--port N] [--help]

Runs the bundled action (dist/index.js) against a local SendGrid stand-in and prints what a
workflow would see: the log, the outputs and the job summary. No API key and no network needed.

With no flags, a tour: a compliance check that finds drift, a plan with its forecast, an apply
held by max-blocked-domains, an apply, a passing check.
With inputs, one run with those inputs; api-key and api-url default to the stand-in's.
The stand-in knows the subuser marketing and the customer account 1234567, and a week of the
parent account's mail for the forecast.

  --name value   any input of the action (--name=value works too):
${wrap(INPUT_FLAGS, '                   ')}
  --serve        start only the stand-in and keep it running (for npm run local, uses: ./ or curl)
  --port N       the stand-in's port, 0 to 65535 (default: a free one)
  -h, --help     print this text and exit

Example: npm start -- --mode apply --subuser marketing --require-tls true --min-version 1.2`;

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./stand-in/runner.ts
/**
 * Runs the bundled action as a GitHub runner does: inputs as INPUT_* variables, outputs and
 * the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */




/** Variables a runner sets per step; a value inherited from the caller must not leak in. */
const STEP_VARIABLES = /^(INPUT_|GITHUB_OUTPUT$|GITHUB_STEP_SUMMARY$|GITHUB_STATE$|GITHUB_ENV$|GITHUB_PATH$|RUNNER_DEBUG$|RUNNER_TEMP$)/;
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/**
 * Runs `entry` as a step. `whileRunning` gets the child process, for a test that signals it as the
 * runner does when a job is cancelled.
 */
async function runAction(entry, inputs, extraEnv = {}, whileRunning) {
    const dir = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'enforced-tls-run-'));
    try {
        const outputFile = (0,external_node_path_namespaceObject.join)(dir, 'output');
        const summaryFile = (0,external_node_path_namespaceObject.join)(dir, 'summary');
        await (0,promises_namespaceObject.writeFile)(outputFile, '');
        await (0,promises_namespaceObject.writeFile)(summaryFile, '');
        const env = {};
        for (const [name, value] of Object.entries(process.env))
            if (!STEP_VARIABLES.test(name))
                env[name] = value;
        for (const [name, value] of Object.entries(inputs))
            env[inputVariable(name)] = value;
        // RUNNER_TEMP too, as a runner has it: the report file goes there and goes away with it.
        Object.assign(env, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir }, extraEnv);
        const child = (0,external_node_child_process_namespaceObject.spawn)(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        whileRunning?.(child);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
        const exitCode = await new Promise((resolve, reject) => {
            child.on('error', reject);
            child.on('close', (code) => resolve(code ?? 1));
        });
        return {
            exitCode,
            stdout,
            stderr,
            outputs: parseOutputFile(await (0,promises_namespaceObject.readFile)(outputFile, 'utf8')),
            summary: await (0,promises_namespaceObject.readFile)(summaryFile, 'utf8')
        };
    }
    finally {
        await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
    }
}
/** Reads the `name<<delimiter` blocks that @actions/core writes to GITHUB_OUTPUT. */
function parseOutputFile(text) {
    const outputs = {};
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const header = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
        if (!header)
            continue;
        const [, name = '', delimiter] = header;
        const value = [];
        while (++i < lines.length && lines[i] !== delimiter)
            value.push(lines[i] ?? '');
        outputs[name] = value.join('\n');
    }
    return outputs;
}

;// CONCATENATED MODULE: external "node:dgram"
const external_node_dgram_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dgram");
;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
// EXTERNAL MODULE: ./node_modules/dns-packet/index.js
var dns_packet = __nccwpck_require__(894);
;// CONCATENATED MODULE: ./stand-in/dns.ts
/**
 * A local DNS server for the forecast's MX lookups: the tests and the demo ask it through node's
 * own resolver, over UDP and, when an answer is too large for a datagram, over TCP, both on one
 * port of 127.0.0.1 as a resolver's address names only one. Zones answer MX and A questions, or
 * fail the ways real servers do (NXDOMAIN, NODATA, SERVFAIL, silence). The wire format is
 * dns-packet's; nothing here encodes a byte by hand but the length prefix TCP frames it with.
 */




const HOST = '127.0.0.1';
/** The largest answer a plain DNS datagram carries (RFC 1035 4.2.1); more is sent truncated, and asked again over TCP. */
const UDP_LIMIT = 512;
const TTL = 300;
/** RFC 1035 4.1.1 response codes, which dns-packet takes in the low bits of `flags`. */
const NXDOMAIN = 3;
const SERVFAIL = 2;
/** Tries at a port free for both transports, when the system chooses it for UDP and TCP finds it taken. */
const PORT_TRIES = 10;
async function startDnsStandIn(options) {
    const zones = new Map(Object.entries(options.zones).map(([name, zone]) => [canonical(name), zone]));
    const queries = [];
    const answer = (message, transport) => answerQuery(zones, queries, message, transport);
    for (let attempt = 1;; attempt++) {
        const udp = await bindUdp(options.port ?? 0);
        const port = udp.address().port;
        try {
            const tcp = await listenTcp(port);
            return serve(udp, tcp, port, queries, answer);
        }
        catch (error) {
            udp.close();
            const taken = error.code === 'EADDRINUSE';
            if (!taken || options.port || attempt >= PORT_TRIES)
                throw error;
        }
    }
}
function serve(udp, tcp, port, queries, answer) {
    udp.on('message', (message, peer) => {
        const reply = answer(message, 'udp');
        if (reply)
            udp.send(reply, peer.port, peer.address);
    });
    const connections = new Set();
    tcp.on('connection', (socket) => {
        connections.add(socket);
        socket.on('close', () => connections.delete(socket));
        // A client that resets its connection is no failure of the stand-in.
        socket.on('error', () => socket.destroy());
        let pending = Buffer.alloc(0);
        socket.on('data', (chunk) => {
            pending = Buffer.concat([pending, chunk]);
            // Each message is prefixed with its length (RFC 1035 4.2.2); a client may send several on one connection.
            while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
                const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
                pending = pending.subarray(2 + message.length);
                const reply = answer(message, 'tcp');
                if (reply)
                    socket.write(reply);
            }
        });
    });
    return {
        port,
        address: `${HOST}:${port}`,
        queries,
        close: async () => {
            for (const socket of connections)
                socket.destroy();
            await Promise.all([new Promise((resolve) => udp.close(() => resolve())), new Promise((resolve) => tcp.close(resolve))]);
        }
    };
}
async function bindUdp(port) {
    const udp = (0,external_node_dgram_namespaceObject.createSocket)('udp4');
    // A datagram the stand-in cannot send back (the client gone) is no reason to stop serving.
    udp.on('error', () => { });
    udp.bind(port, HOST);
    await (0,external_node_events_namespaceObject.once)(udp, 'listening');
    return udp;
}
async function listenTcp(port) {
    const tcp = (0,external_node_net_namespaceObject.createServer)();
    tcp.listen(port, HOST);
    await (0,external_node_events_namespaceObject.once)(tcp, 'listening');
    return tcp;
}
/** The reply to one message, framed for its transport; undefined for garbage and for a silent zone. */
function answerQuery(zones, queries, message, transport) {
    try {
        return reply(zones, queries, dns_packet.decode(message), transport);
    }
    catch {
        // Garbage, or a question dns-packet cannot write back: a real server would drop it too.
        return undefined;
    }
}
function reply(zones, queries, query, transport) {
    const question = query.questions?.[0];
    if (query.type !== 'query' || question === undefined)
        return undefined;
    queries.push({ name: question.name, type: question.type, transport });
    const zone = zones.get(canonical(question.name));
    if (zone?.silent)
        return undefined;
    const flags = (query.flag_rd ? dns_packet.RECURSION_DESIRED : 0) | dns_packet.RECURSION_AVAILABLE | dns_packet.AUTHORITATIVE_ANSWER;
    const response = { type: 'response', id: query.id, flags, questions: [question], answers: [] };
    if (zone === undefined)
        response.flags = flags | NXDOMAIN;
    else if (zone.servfail)
        response.flags = flags | SERVFAIL;
    else
        response.answers = records(question, zone);
    if (transport === 'tcp')
        return dns_packet.streamEncode(response);
    if (dns_packet.encodingLength(response) <= UDP_LIMIT)
        return dns_packet.encode(response);
    return dns_packet.encode({ ...response, flags: flags | dns_packet.TRUNCATED_RESPONSE, answers: [] });
}
/** The zone's records of the type asked; none (NODATA) for a type it has none of. */
function records(question, zone) {
    const name = question.name;
    if (question.type === 'MX') {
        return (zone.mx ?? []).map(({ exchange, priority }) => ({ type: 'MX', name, ttl: TTL, data: { exchange, preference: priority } }));
    }
    if (question.type === 'A')
        return (zone.a ?? []).map((address) => ({ type: 'A', name, ttl: TTL, data: address }));
    return [];
}
/** Names compare without case and without the root's trailing dot. */
function canonical(name) {
    return name.toLowerCase().replace(/\.$/, '');
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./stand-in/mail.ts
/**
 * The stand-in's mail: Email Logs (`POST /v3/logs`, `GET /v3/logs/{sg_message_id}`) and blocks
 * (`GET /v3/suppression/blocks`), as Twilio's OpenAPI descriptions have them, over seeded
 * messages. A parent key reads a subuser's logs by its numeric id (`subusers`, `?subuser=`), and
 * its blocks through on-behalf-of. Not product code: the tests and `npm start` use it.
 */
const SCOPE_LOGS = 'email_activity.read';
const SCOPE_BLOCKS = 'suppression.blocks.read';
const HOUR_MS = 60 * 60 * 1000;
const LOGS = '/v3/logs';
const BLOCKS = '/v3/suppression/blocks';
function servesMail(path) {
    return path === LOGS || path.startsWith(`${LOGS}/`) || path === BLOCKS;
}
function answerMail(request, options, now = Date.now()) {
    const { path, method } = request;
    if (path === BLOCKS)
        return method === 'GET' ? blocks(request, options, now) : errors(405, 'method not allowed');
    if (!request.scopes.includes(SCOPE_LOGS))
        return errors(403, 'access forbidden');
    // The spec addresses a subuser's logs by id, never by on-behalf-of: this stand-in holds the client to it.
    if (request.behalf !== undefined)
        return errors(400, 'on-behalf-of is not supported here: pass the subuser id');
    if (path === LOGS)
        return method === 'POST' ? search(request, options, now) : errors(405, 'method not allowed');
    if (method !== 'GET')
        return errors(405, 'method not allowed');
    return message(request, options, now, decodeURIComponent(path.slice(LOGS.length + 1)));
}
function search(request, options, now) {
    let parsed;
    try {
        parsed = JSON.parse(request.body);
    }
    catch {
        return errors(400, 'request body is invalid JSON');
    }
    const { query, limit = 10, subusers } = (parsed ?? {});
    if (typeof query !== 'string')
        return errors(400, 'query is required', 'query');
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
        return errors(400, 'limit must be from 1 to 1000', 'limit');
    }
    let account = 'parent';
    if (subusers !== undefined) {
        if (!Array.isArray(subusers) || subusers.length !== 1 || typeof subusers[0] !== 'string' || !/^\d+$/.test(subusers[0])) {
            return errors(400, 'subusers takes one numeric subuser id', 'subusers');
        }
        const name = request.subuserById(subusers[0]);
        if (name === undefined)
            return errors(403, 'access forbidden');
        account = name;
    }
    const filter = parseQuery(query);
    if (!filter)
        return errors(400, 'query could not be parsed', 'query');
    const found = [];
    if (filter.statuses.includes('delivered')) {
        // Newest first, as the stand-ins answer; SendGrid does not document an order.
        for (const m of newestFirst(options.mail?.[account] ?? [])) {
            const created = createdAt(m, now);
            if (filter.times.every((test) => test(created)))
                found.push(summary(m, now));
            if (found.length >= limit)
                break;
        }
    }
    return { status: 200, body: { messages: found }, parsed };
}
/** Each account's messages, newest first, sorted once: a week of 100,000 is searched many times. */
const sorted = new WeakMap();
function newestFirst(mail) {
    let ordered = sorted.get(mail);
    if (!ordered) {
        ordered = [...mail].sort((a, b) => (a.ageHours ?? 1) - (b.ageHours ?? 1));
        sorted.set(mail, ordered);
    }
    return ordered;
}
/** A message's creation time, to the second, as SendGrid's timestamps have it. */
function createdAt(m, now) {
    return Math.floor((now - (m.ageHours ?? 1) * HOUR_MS) / 1000) * 1000;
}
/** Each account's messages by id, indexed once. */
const indexed = new WeakMap();
function byId(mail, id) {
    let index = indexed.get(mail);
    if (!index) {
        index = new Map(mail.map((m) => [m.id, m]));
        indexed.set(mail, index);
    }
    return index.get(id);
}
function message(request, options, now, id) {
    const subuser = request.query.get('subuser');
    const account = subuser === null ? 'parent' : /^\d+$/.test(subuser) ? request.subuserById(subuser) : undefined;
    if (account === undefined)
        return errors(403, 'access forbidden');
    const mail = options.mail?.[account];
    const found = mail && byId(mail, id);
    // SendGrid's text for a missing message is not documented; this one quotes the id, as a server might.
    if (!found)
        return errors(404, `message ${id} not found`);
    return { status: 200, body: { ...summary(found, now), api_key_id: 'stand-in', client_ip: '192.0.2.10', events: events(found, now) } };
}
function blocks(request, options, now) {
    if (!request.scopes.includes(SCOPE_BLOCKS))
        return errors(403, 'access forbidden');
    const account = request.behalf ?? 'parent';
    if (account !== 'parent' && !request.accountKnown(account))
        return errors(403, 'access forbidden');
    const number = (name, fallback) => {
        const value = request.query.get(name);
        return value === null ? fallback : Number(value);
    };
    const start = number('start_time', 0);
    const end = number('end_time', Number.MAX_SAFE_INTEGER);
    const limit = Math.min(500, number('limit', 500));
    const offset = number('offset', 0);
    const all = (options.blocks?.[account] ?? [])
        .map((b) => ({ created: Math.floor((now - (b.ageHours ?? 1) * HOUR_MS) / 1000), email: b.email, reason: b.reason, status: '4.0.0' }))
        .filter((b) => b.created >= start && b.created <= end);
    return { status: 200, body: all.slice(offset, offset + limit) };
}
const COMPARE = {
    '>': (a, b) => a > b,
    '>=': (a, b) => a >= b,
    '<': (a, b) => a < b,
    '<=': (a, b) => a <= b
};
/** The conditions the forecast sends, joined by AND: `status IN (...)` and `sg_message_id_created_at` compared with a TIMESTAMP. */
function parseQuery(query) {
    let statuses = [];
    const times = [];
    for (const condition of query.split(/\s+AND\s+/)) {
        const status = /^status IN \(((?:'[a-z]+'(?:,\s*)?)+)\)$/.exec(condition.trim());
        const time = /^sg_message_id_created_at (>=|<=|>|<) TIMESTAMP "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"$/.exec(condition.trim());
        if (status)
            statuses = [...(status[1] ?? '').matchAll(/'([a-z]+)'/g)].map((m) => m[1] ?? '');
        else if (time) {
            const compare = COMPARE[time[1] ?? ''];
            const bound = Date.parse(time[2] ?? '');
            times.push((ms) => compare(ms, bound));
        }
        else
            return undefined;
    }
    return { statuses, times };
}
function summary(m, now) {
    return {
        from_email: 'sender@stand-in.example',
        sg_message_id: m.id,
        subject: m.subject ?? 'Your receipt',
        to_email: m.to,
        status: 'delivered',
        sg_message_id_created_at: new Date(createdAt(m, now)).toISOString()
    };
}
/** A processed event, then the delivery: `tls: 1` only when TLS was used, `cert_err: "1"` when the certificate failed. */
function events(m, now) {
    const at = Math.floor((now - (m.ageHours ?? 1) * HOUR_MS) / 1000);
    const common = { email: m.to, sg_message_id: m.id, sg_event_id: `${m.id}-e`, 'smtp-id': `<${m.id}@stand-in>`, ip: '192.0.2.20' };
    const processed = { ...common, event: 'processed', timestamp: at };
    const delivery = m.delivery ?? 'tls';
    if (delivery === 'none')
        return [processed, { ...common, event: 'open', timestamp: at + 600 }];
    return [
        processed,
        {
            ...common,
            event: 'delivered',
            timestamp: at + 5,
            response: '250 OK',
            ...(delivery !== 'no-tls' && { tls: 1 }),
            ...(delivery === 'cert-error' && { cert_err: '1' })
        }
    ];
}
function errors(status, message, field = null) {
    return { status, body: { errors: [{ field, message }] } };
}

;// CONCATENATED MODULE: ./stand-in/server.ts
/**
 * A local stand-in for the part of SendGrid's v3 API this action uses: GET and PATCH of
 * /v3/user/settings/enforced_tls, with bearer keys and their scopes, on-behalf-of for subusers
 * and customer accounts, SendGrid's error bodies and rate-limit headers; and, for the forecast,
 * Email Logs and blocks over seeded mail (`mail.ts`). It follows the
 * official OpenAPI description and the quirks other clients met: `version` is left out until an
 * account sets it, and can be echoed as a float32. Used by `npm start`, the tests and the bench.
 */





const SCOPE_READ = 'user.settings.enforced_tls.read';
const SCOPE_UPDATE = 'user.settings.enforced_tls.update';
const SCOPE_SUBUSERS = 'subusers.read';
/** SendGrid's largest page of subusers. */
const MAX_SUBUSER_PAGE = 500;
const DEFAULT_STAND_IN_KEY = 'SG.stand-in-key.not-a-real-secret';
const PATH = '/v3/user/settings/enforced_tls';
/** A subuser's numeric id is its place among the subusers plus this. */
const FIRST_SUBUSER_ID = 1001;
const SUBUSERS_PATH = '/v3/subusers';
async function startStandIn(options = {}) {
    const keys = options.keys ?? { [DEFAULT_STAND_IN_KEY]: [SCOPE_READ, SCOPE_UPDATE, SCOPE_SUBUSERS, SCOPE_LOGS, SCOPE_BLOCKS] };
    const parent = { ...(options.parent ?? { require_tls: false, require_valid_cert: false }) };
    // Accounts reached through on-behalf-of, keyed by the header's value.
    const store = new Map();
    for (const [name, setting] of Object.entries(options.subusers ?? {}))
        store.set(name, { ...setting });
    for (const [id, setting] of Object.entries(options.accounts ?? {}))
        store.set(`account-id ${id}`, { ...setting });
    // SendGrid counts requests per endpoint, in fixed windows that end on a whole second, since
    // X-RateLimit-Reset names that second. Here they lie on a grid of `windowMs` (whole seconds).
    const rate = options.rateLimit ?? { limit: 600, windowMs: 60_000 };
    const windows = new Map();
    // The seeded mail's ages count from the stand-in's start: a message's creation time must not
    // drift between two searches, or one cut at a slice's edge would be counted twice.
    const mailNow = Date.now();
    const requests = [];
    let rateLimited = 0;
    const faults = [];
    const stale = new Map();
    const listener = (req, res) => {
        void readBody(req).then(async (raw) => {
            if (options.latencyMs)
                await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
            const url = new URL(req.url ?? '/', 'http://stand-in');
            const recorded = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers };
            requests.push(recorded);
            const now = (options.now ?? Date.now)();
            let window = windows.get(url.pathname);
            if (!window || now >= window.end) {
                window = { end: (Math.floor(now / rate.windowMs) + 1) * rate.windowMs, used: 0 };
                windows.set(url.pathname, window);
            }
            window.used += 1;
            if (!options.bareRateLimit) {
                res.setHeader('X-RateLimit-Limit', String(rate.limit));
                res.setHeader('X-RateLimit-Remaining', String(Math.max(0, rate.limit - window.used)));
                res.setHeader('X-RateLimit-Reset', String(window.end / 1000));
            }
            if (window.used > rate.limit) {
                rateLimited += 1;
                if (options.bareRateLimit)
                    res.setHeader('Retry-After', String(Math.ceil((window.end - now) / 1000)));
                return sendErrors(res, 429, 'too many requests');
            }
            const fault = takeFault(recorded.method);
            if (fault)
                return answerWithFault(res, fault, now);
            handle(req, res, raw, recorded);
        });
    };
    const server = options.tls ? (0,external_node_https_namespaceObject.createServer)(options.tls, listener) : (0,external_node_http_namespaceObject.createServer)(listener);
    function handle(req, res, raw, recorded) {
        if (servesMail(recorded.path))
            return handleMail(req, res, raw, recorded);
        const endpoint = recorded.path === PATH ? 'enforced_tls' : recorded.path === SUBUSERS_PATH ? 'subusers' : undefined;
        if (!endpoint)
            return sendErrors(res, 404, 'resource not found');
        if (req.method !== 'GET' && (endpoint === 'subusers' || req.method !== 'PATCH'))
            return sendErrors(res, 405, 'method not allowed');
        const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
        const scopes = auth ? keys[auth[1] ?? ''] : undefined;
        if (!scopes)
            return sendErrors(res, 401, 'authorization required');
        if (!acceptsJson(req.headers.accept))
            return sendErrors(res, 406, 'Accept header must allow application/json');
        const needed = endpoint === 'subusers' ? SCOPE_SUBUSERS : req.method === 'GET' ? SCOPE_READ : SCOPE_UPDATE;
        if (!scopes.includes(needed))
            return sendErrors(res, 403, 'access forbidden');
        if (endpoint === 'subusers')
            return listSubusers(res, recorded.query);
        const behalf = req.headers['on-behalf-of'];
        if (behalf !== undefined && options.euSubusers?.includes(String(behalf)))
            return sendErrors(res, 401, 'authorization required');
        const setting = behalf === undefined ? parent : store.get(String(behalf));
        // What SendGrid answers for an unknown on-behalf-of is undocumented; a 403 is the likeliest.
        if (!setting)
            return sendErrors(res, 403, 'access forbidden');
        if (req.method === 'GET') {
            const lagging = stale.get(setting);
            if (lagging && lagging.reads-- > 0)
                return sendSetting(res, lagging.shown);
            return sendSetting(res, setting);
        }
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
            return sendErrors(res, 400, 'Content-Type must be application/json');
        }
        let body;
        try {
            body = JSON.parse(raw);
        }
        catch {
            return sendErrors(res, 400, 'request body is invalid JSON');
        }
        recorded.body = body;
        const problem = validatePatch(body);
        if (problem)
            return sendErrors(res, 400, problem.message, problem.field);
        if (options.readLag)
            stale.set(setting, { shown: { ...setting }, reads: options.readLag });
        Object.assign(setting, body);
        if (options.patchEcho === 'none')
            return void res.writeHead(204).end();
        if (options.patchEcho === 'sent')
            return send(res, 200, body);
        sendSetting(res, setting);
    }
    /** Email Logs and blocks, over the seeded mail (`mail.ts`), behind the same keys. */
    function handleMail(req, res, raw, recorded) {
        const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
        const scopes = auth ? keys[auth[1] ?? ''] : undefined;
        if (!scopes)
            return sendErrors(res, 401, 'authorization required');
        if (!acceptsJson(req.headers.accept))
            return sendErrors(res, 406, 'Accept header must allow application/json');
        const behalf = req.headers['on-behalf-of'];
        const names = subuserNames();
        const answer = answerMail({
            method: req.method ?? '',
            path: recorded.path,
            query: recorded.query,
            body: raw,
            scopes,
            behalf: behalf === undefined ? undefined : String(behalf),
            subuserById: (id) => names[Number(id) - FIRST_SUBUSER_ID],
            accountKnown: (account) => store.has(account)
        }, options, mailNow);
        if (answer.parsed !== undefined)
            recorded.body = answer.parsed;
        send(res, answer.status, answer.body);
    }
    /**
     * As seeded, whatever they hold: a subuser named `account-id <id>` is listed, and its name, as
     * on-behalf-of, reaches the customer account of that id, as SendGrid's would.
     */
    function subuserNames() {
        return Object.keys(options.subusers ?? {});
    }
    /** GET /v3/subusers: a page of `limit` (capped at 500) from `offset`, or the one `username`; regions on request. */
    function listSubusers(res, query) {
        const names = subuserNames();
        const username = query.get('username');
        const paging = options.subuserPaging;
        const limit = Math.min(typeof paging === 'object' ? paging.maxPage : MAX_SUBUSER_PAGE, Number(query.get('limit') ?? 100) || 100);
        const offset = paging === 'ignore-offset' ? 0 : Number(query.get('offset') ?? 0) || 0;
        if (paging === 'endless')
            names.push(...Array.from({ length: offset + limit }, (_, i) => `invented-${i}`));
        const page = username !== null ? names.filter((name) => name === username) : names.slice(offset, offset + limit);
        const withRegion = query.get('include_region') === 'true';
        send(res, 200, page.map((name, index) => ({
            id: (username !== null ? names.indexOf(name) : offset + index) + FIRST_SUBUSER_ID,
            username: name,
            email: `${name}@example.com`,
            disabled: false,
            ...(withRegion ? { region: options.euSubusers?.includes(name) ? 'eu' : 'global' } : {})
        })));
    }
    function takeFault(method) {
        const index = faults.findIndex((f) => f.method === undefined || f.method === method);
        const entry = faults[index];
        if (!entry)
            return undefined;
        if (entry.after > 0) {
            entry.after -= 1;
            return undefined;
        }
        if (--entry.times <= 0)
            faults.splice(index, 1);
        return entry.fault;
    }
    function sendSetting(res, setting) {
        const shown = {
            require_tls: setting.require_tls,
            require_valid_cert: setting.require_valid_cert
        };
        if (setting.version !== undefined) {
            shown['version'] = options.float32Versions ? Math.fround(setting.version) : setting.version;
        }
        send(res, 200, shown);
    }
    await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const { port } = server.address();
    return {
        url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
        requests,
        rateLimited: () => rateLimited,
        inject: (fault, times = 1, method, after = 0) => {
            // Made now, not while a client waits for the answer: it takes a tenth of a second.
            if (fault.kind === 'bomb')
                bomb();
            faults.push({ fault, times, method, after });
        },
        setting: (account = 'parent') => {
            const setting = account === 'parent' ? parent : store.get(account);
            return setting && { ...setting };
        },
        close: () => new Promise((resolve, reject) => {
            if (!server.listening)
                return resolve();
            server.closeAllConnections();
            server.close((error) => (error ? reject(error) : resolve()));
        })
    };
}
function answerWithFault(res, fault, now) {
    switch (fault.kind) {
        case 'status':
            for (const [name, value] of Object.entries(fault.headers ?? {}))
                res.setHeader(name, value);
            if (fault.body === undefined)
                return sendErrors(res, fault.status, `stand-in fault ${fault.status}`);
            res.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'application/json' });
            return void res.end(fault.body);
        case 'rate-limit':
            res.setHeader('X-RateLimit-Remaining', '0');
            res.setHeader('X-RateLimit-Reset', String(Math.floor(now / 1000) + fault.resetInSeconds));
            if (fault.retryAfter !== undefined)
                res.setHeader('Retry-After', fault.retryAfter);
            return sendErrors(res, 429, 'too many requests');
        case 'html':
            res.writeHead(fault.status, { 'Content-Type': 'text/html' });
            return void res.end(`<!DOCTYPE html><html><head><title>${fault.status} Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>`);
        case 'malformed':
            res.writeHead(200, { 'Content-Type': 'application/json' });
            return void res.end('{"require_tls": tru');
        case 'drop':
            return void res.socket?.destroy();
        case 'hang':
            return;
        case 'endless': {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.write('{"require_tls": true, "padding": "');
            const chunk = 'x'.repeat(64 * 1024);
            const pump = () => {
                while (!res.destroyed && res.write(chunk))
                    ;
                if (!res.destroyed)
                    res.once('drain', pump);
            };
            return pump();
        }
        case 'bomb':
            res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
            return void res.end(bomb());
    }
}
let bombBody;
/** 64 MiB of spaces inside a JSON string, gzipped to about 64 kB. */
function bomb() {
    bombBody ??= (0,external_node_zlib_namespaceObject.gzipSync)(Buffer.concat([Buffer.from('{"require_tls": "'), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('"}')]));
    return bombBody;
}
function validatePatch(body) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return { field: null, message: 'request body must be a JSON object' };
    }
    for (const [field, value] of Object.entries(body)) {
        if (field === 'require_tls' || field === 'require_valid_cert') {
            if (typeof value !== 'boolean')
                return { field, message: `${field} must be a boolean` };
        }
        else if (field === 'version') {
            if (typeof value !== 'number' || ![1.1, 1.2, 1.3].includes(value)) {
                return { field, message: 'version must be one of the numbers 1.1, 1.2, 1.3' };
            }
        }
        else {
            return { field, message: `unknown field ${field}` };
        }
    }
    return undefined;
}
function acceptsJson(accept) {
    return accept !== undefined && /application\/json|application\/\*|\*\/\*/.test(accept);
}
function sendErrors(res, status, message, field = null) {
    send(res, status, { errors: [{ field, message }] });
}
function send(res, status, body) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

;// CONCATENATED MODULE: ./stand-in/demo/index.ts
/**
 * `npm start`: runs the bundled action (dist/index.js) against the local SendGrid stand-in and
 * prints what a workflow would see: the log, the outputs and the job summary. Needs no key, no
 * network and no `npm ci`: it is bundled into dist/demo.
 *
 * Without arguments it plays the three workflows in turn on one account. With arguments it runs
 * the action once with those inputs, e.g. `npm start -- --mode apply --require-tls true --subuser marketing`.
 * `npm start -- --serve [--port N]` starts only the stand-in, for a workflow's `uses: ./` or curl.
 * `npm start -- --help` says all this; a flag it does not know stops it before anything runs.
 */








// The bundled action beside this bundle (dist/demo/index.js -> dist/index.js). Derived from the
// running script rather than import.meta.url, which ncc would take for an asset to copy.
const ACTION = (0,external_node_path_namespaceObject.resolve)((0,external_node_path_namespaceObject.dirname)(process.argv[1] ?? '.'), '..', 'index.js');
const POLICY = { 'require-tls': 'true', 'min-version': '1.2' };
/**
 * A week of the parent account's mail: most recipients' servers use TLS (two large-provider
 * domains, three shops at one hoster); one partner's own server does not, one hoster presents
 * a bad certificate (blocked only by require-valid-cert), and one domain has no delivery on record.
 */
const DEMO_MAIL = [
    ...seed('customer-mail.example', 6, 'tls'),
    ...seed('example-partner.com', 4, 'no-tls'),
    ...seed('legacy.example.org', 3, 'cert-error'),
    ...seed('newsletter-reader.example', 2, 'tls'),
    ...seed('shop-one.example', 2, 'tls'),
    ...seed('shop-two.example', 1, 'tls'),
    ...seed('shop-three.example', 1, 'tls'),
    ...seed('quiet.example', 1, 'none')
];
/** Who receives each domain's mail, as the demo's DNS stand-in answers: the forecast groups domains by it. */
const DEMO_ZONES = {
    'customer-mail.example': { mx: [{ exchange: 'mx1.bigmail.example', priority: 10 }] },
    'newsletter-reader.example': { mx: [{ exchange: 'mx2.bigmail.example', priority: 5 }] },
    'example-partner.com': { mx: [{ exchange: 'mail.example-partner.com', priority: 10 }] },
    'legacy.example.org': { mx: [{ exchange: 'mx.oldhost.example.net', priority: 10 }] },
    'shop-one.example': { mx: [{ exchange: 'mx.shophost.example', priority: 10 }] },
    'shop-two.example': { mx: [{ exchange: 'mx.shophost.example', priority: 10 }] },
    'shop-three.example': { mx: [{ exchange: 'mx.shophost.example', priority: 10 }] },
    'quiet.example': { a: ['192.0.2.25'] }
};
function seed(domain, n, delivery) {
    return Array.from({ length: n }, (_, i) => ({ id: `demo-${domain}-${i}`, to: `reader${i}@${domain}`, delivery, ageHours: 6 + 20 * i }));
}
/** The policy file the tour exports, in its workspace, and then verifies against. */
const PINNED = 'sendgrid-tls.yml';
const TOUR = [
    { title: 'A scheduled compliance check finds the account on opportunistic TLS', inputs: { mode: 'verify', ...POLICY }, expectedExit: 1 },
    {
        title: 'A pull-request gate shows what apply would change, and whose mail it would block',
        inputs: { mode: 'plan', ...POLICY },
        expectedExit: 0
    },
    {
        title: 'A deployment that allows no blocked domain is held by the forecast',
        inputs: { mode: 'apply', ...POLICY, 'max-blocked-domains': '0' },
        expectedExit: 1
    },
    {
        title: 'The team accepts the one partner without TLS: apply goes ahead and is confirmed',
        inputs: { mode: 'apply', ...POLICY, 'max-blocked-domains': '1' },
        expectedExit: 0
    },
    { title: 'The compliance check now passes', inputs: { mode: 'verify', ...POLICY }, expectedExit: 0 },
    {
        title: 'Policy as code: an export pins every account as it is today, in a file to review and commit',
        inputs: { mode: 'export', subuser: 'marketing', 'account-id': '1234567', 'include-parent': 'true', 'export-file': PINNED },
        expectedExit: 0,
        showFile: 'export-file'
    },
    { title: 'The committed policy file, verified', inputs: { mode: 'verify', 'policy-file': PINNED }, expectedExit: 0 }
];
async function main(argv) {
    let args;
    try {
        args = parseDemoArgs(argv);
    }
    catch (error) {
        if (!(error instanceof UsageError))
            throw error;
        console.error(error.message);
        return 2;
    }
    if (args.help) {
        console.log(USAGE);
        return 0;
    }
    const { serve, port, inputs } = args;
    const refusal = await portRefusal(port);
    if (refusal) {
        console.error(refusal);
        return 1;
    }
    const standIn = await startStandIn({
        subusers: { marketing: { require_tls: false, require_valid_cert: false } },
        accounts: { '1234567': { require_tls: true, require_valid_cert: false, version: 1.2 } },
        float32Versions: true,
        mail: { parent: DEMO_MAIL },
        port
    });
    const dns = await startDnsStandIn({ zones: DEMO_ZONES });
    console.log(`SendGrid stand-in listening on ${standIn.url} (subuser: marketing, customer account: 1234567)`);
    console.log(`DNS stand-in on ${dns.address}, UDP and TCP, with the MX records of the demo's recipients (dns-servers: ${dns.address})\n`);
    if (serve) {
        console.log(`API key: ${DEFAULT_STAND_IN_KEY}. Stop with Ctrl-C.`);
        return new Promise(() => undefined);
    }
    // The repository a workflow would check out: where the tour's policy file is written and read.
    const workspace = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'enforced-tls-workspace-'));
    try {
        const steps = Object.keys(inputs).length > 0 ? [{ title: 'Your run', inputs }] : TOUR;
        let ok = true;
        for (const [index, step] of steps.entries()) {
            const run = await runAction(ACTION, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, 'dns-servers': dns.address, ...step.inputs }, { GITHUB_WORKSPACE: workspace });
            printRun(index + 1, step, run, standIn);
            const shown = step.showFile && run.outputs[step.showFile];
            if (shown)
                console.log(`    ${shown}:\n\n${indent((await (0,promises_namespaceObject.readFile)(shown, 'utf8')).trim(), '      ')}\n`);
            if (step.expectedExit === undefined)
                return run.exitCode;
            ok &&= run.exitCode === step.expectedExit;
        }
        console.log(ok ? 'Every step ended as expected.' : 'A step did not end as expected: see above.');
        return ok ? 0 : 1;
    }
    finally {
        await standIn.close();
        await dns.close();
        await (0,promises_namespaceObject.rm)(workspace, { recursive: true, force: true });
    }
}
/**
 * Why the stand-in could not listen on `port`, asked before it tries: its server is shared with the
 * tests, which always take a free port, and leaves a failed listen to crash the process with a
 * stack trace. The moment between asking and listening is too short to matter for a demo.
 */
async function portRefusal(port) {
    if (port === 0)
        return undefined;
    const probe = (0,external_node_net_namespaceObject.createServer)();
    return new Promise((resolve, reject) => {
        probe.once('error', (error) => {
            if (error.code === 'EADDRINUSE')
                resolve(`Port ${port} is taken: choose another with --port.`);
            else if (error.code === 'EACCES')
                resolve(`Port ${port} needs privileges this user lacks: choose one above 1023 with --port.`);
            else
                reject(error);
        });
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
    });
}
function printRun(n, step, run, standIn) {
    const inputs = Object.entries(step.inputs)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
    console.log(`━━━ ${n}. ${step.title}`);
    console.log(`    with: ${inputs}\n`);
    console.log(indent(readableLog(run.stdout + run.stderr)));
    console.log(`\n    exit code ${run.exitCode}; the stand-in saw: ${standIn.requests
        .splice(0)
        .map((r) => r.method)
        .join(', ')}`);
    console.log('    outputs:');
    for (const [name, value] of Object.entries(run.outputs))
        console.log(`      ${name} = ${shorten(value)}`);
    console.log('    job summary:\n');
    console.log(indent(run.summary.trim(), '      '));
    console.log('');
}
/** Shows workflow commands as a person reads them in the Actions UI. */
function readableLog(log) {
    return log
        .split('\n')
        .filter((line) => line !== '' && !/^::(add-mask|debug|endgroup)::/.test(line))
        .map((line) => line.replace(/^::group::/, '▸ ').replace(/^::(error|warning|notice)[^:]*::/, (_, kind) => `${kind.toUpperCase()}: `))
        .join('\n');
}
/** Long JSON outputs are cut in the terminal; a workflow gets them whole. */
function shorten(value) {
    return value.length > 160 ? `${value.slice(0, 160)}… (${value.length} characters)` : value;
}
function indent(text, prefix = '    ') {
    return text
        .split('\n')
        .map((line) => prefix + line)
        .join('\n');
}
main(process.argv.slice(2)).then((code) => (process.exitCode = code), (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});

