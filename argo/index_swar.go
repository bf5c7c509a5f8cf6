package argo

import (
	"encoding/binary"
	"math/bits"
)

// Word-at-a-time (SWAR) helpers for the index parser: a GDAC index is
// ~300 MB of short comma-separated fields, and testing 8 bytes at once for
// a comma or for digits is several times faster than a byte loop.

const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
)

// nextComma returns the index of the first ',' in b at or after from, or len(b).
func nextComma(b []byte, from int) int {
	i := from
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:]) ^ (lows * ',')
		if t := (x - lows) &^ x & highs; t != 0 {
			return i + bits.TrailingZeros64(t)/8
		}
	}
	for ; i < len(b); i++ {
		if b[i] == ',' {
			return i
		}
	}
	return len(b)
}

// digits8 converts 8 ASCII digits to their value; ok is false if any byte
// is not a digit.
func digits8(b []byte) (uint64, bool) {
	x := binary.LittleEndian.Uint64(b) - lows*'0'
	// every byte must now be 0..9: no byte above 9, and no borrow (a byte
	// below '0' wraps to >= 0xD0, caught by the same test)
	if (x+lows*(0x7F-9))&highs|x&highs != 0 {
		return 0, false
	}
	// combine pairs, then quads, then the two halves (little-endian: the
	// first digit is in the lowest byte)
	x = (x*10 + x>>8) & 0x00FF00FF00FF00FF
	x = (x*100 + x>>16) & 0x0000FFFF0000FFFF
	x = (x*10000 + x>>32) & 0xFFFFFFFF
	return x, true
}
