package argo

import (
	"bytes"
	"strconv"
)

// File names of an index are stored in parts, not as text: a DAC number, the
// WMO, the cycle and a flag byte (8 bytes a row instead of ~38), because
// nearly every name follows one of two patterns:
//
//	<dac>/<wmo>/profiles/<prefix><wmo>_<ccc>[D].nc   (prefix R D BR BD SR SD MR MD)
//	<dac>/<wmo>/<wmo>_<suffix>.nc                    (suffix meta prof Sprof Rtraj ...)
//
// A name is encoded only if it is canonical (no leading zeros in the WMO, a
// 3-digit cycle or a 4-digit one from 1000, the same WMO digits twice), so
// that rebuilding it gives the same bytes (FuzzIndexNames checks it); any
// other name is kept whole in a byte arena of exceptions.

var namePrefixes = [...]string{"R", "D", "BR", "BD", "SR", "SD", "MR", "MD"}
var nameSuffixes = [...]string{"meta", "prof", "Sprof", "Rtraj", "Dtraj", "BRtraj", "BDtraj", "tech"}

const (
	flagDescending = 0x08 // pattern A: a descending profile
	flagMulti      = 0x80 // pattern B: <wmo>_<suffix>.nc; the low bits are the suffix
	flagUnknown    = 0xFF // an exception name that does not parse
	dacException   = 0xFF // the row's name is in the exception arena
)

// nameParts are the parts of a file name.
type nameParts struct {
	dac   []byte
	wmo   uint32
	cycle int16 // -1 when none
	flags uint8
}

// splitName parses a name of either pattern; ok is false for anything else.
func splitName(f []byte) (p nameParts, ok bool) {
	p.cycle = -1
	i := bytes.IndexByte(f, '/')
	if i <= 0 {
		return p, false
	}
	p.dac = f[:i]
	rest := f[i+1:]
	j := bytes.IndexByte(rest, '/')
	if j <= 0 {
		return p, false
	}
	wmoDigits := rest[:j]
	p.wmo = parseUint(wmoDigits)
	if p.wmo == 0 || wmoDigits[0] == '0' { // canonical digits only: the name must rebuild exactly
		return p, false
	}
	rest = rest[j+1:]
	if !bytes.HasSuffix(rest, []byte(".nc")) {
		return p, false
	}
	if prof, ok := bytes.CutPrefix(rest, []byte("profiles/")); ok {
		base := prof[:len(prof)-3]
		us := bytes.IndexByte(base, '_')
		if us < 0 {
			return p, false
		}
		head, cyc := base[:us], base[us+1:]
		k := 0
		for k < len(head) && (head[k] < '0' || head[k] > '9') {
			k++
		}
		code := -1
		for c, s := range namePrefixes {
			if string(head[:k]) == s {
				code = c
			}
		}
		if code < 0 || !bytes.Equal(head[k:], wmoDigits) {
			return p, false
		}
		p.flags = uint8(code)
		if n := len(cyc); n > 0 && cyc[n-1] == 'D' {
			p.flags |= flagDescending
			cyc = cyc[:n-1]
		}
		if len(cyc) != 3 && (len(cyc) != 4 || cyc[0] == '0') {
			return p, false
		}
		c := parseUintZero(cyc)
		if c < 0 || c > 9999 {
			return p, false
		}
		p.cycle = int16(c)
		return p, true
	}
	base := rest[:len(rest)-3]
	us := bytes.IndexByte(base, '_')
	if us < 0 || !bytes.Equal(base[:us], wmoDigits) {
		return p, false
	}
	for c, s := range nameSuffixes {
		if string(base[us+1:]) == s {
			p.flags = flagMulti | uint8(c)
			return p, true
		}
	}
	return p, false
}

// parseUintZero parses digits (leading zeros allowed), -1 if not digits.
func parseUintZero(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return -1
	}
	v := 0
	for _, ch := range b {
		if ch < '0' || ch > '9' {
			return -1
		}
		v = v*10 + int(ch-'0')
	}
	return v
}

// appendName rebuilds a file name from its parts.
func appendName(dst []byte, dac string, wmo uint32, cycle int16, flags uint8) []byte {
	dst = append(dst, dac...)
	dst = append(dst, '/')
	dst = strconv.AppendUint(dst, uint64(wmo), 10)
	dst = append(dst, '/')
	if flags&flagMulti != 0 {
		dst = strconv.AppendUint(dst, uint64(wmo), 10)
		dst = append(dst, '_')
		dst = append(dst, nameSuffixes[flags&0x07]...)
		return append(dst, ".nc"...)
	}
	dst = append(dst, "profiles/"...)
	dst = append(dst, namePrefixes[flags&0x07]...)
	dst = strconv.AppendUint(dst, uint64(wmo), 10)
	dst = append(dst, '_')
	if cycle < 100 {
		dst = append(dst, '0')
	}
	if cycle < 10 {
		dst = append(dst, '0')
	}
	dst = strconv.AppendInt(dst, int64(cycle), 10)
	if flags&flagDescending != 0 {
		dst = append(dst, 'D')
	}
	return append(dst, ".nc"...)
}

// prefixOf returns the profile-file prefix ("R", "SD", ...) of a flag byte, or "".
func prefixOf(flags uint8) string {
	if flags == flagUnknown || flags&flagMulti != 0 {
		return ""
	}
	return namePrefixes[flags&0x07]
}

// fileModeOf returns the mode letter of a profile file name (R or D), or ModeUnknown.
func fileModeOf(flags uint8) Mode {
	p := prefixOf(flags)
	if p == "" {
		return ModeUnknown
	}
	return ParseMode(p[len(p)-1])
}
