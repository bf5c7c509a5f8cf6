package nc

import (
	"encoding/binary"
	"fmt"
)

// checkHDF5 checks the HDF5 signature and superblock before libnetcdf sees
// the file: a known superblock version, sane offset and length sizes, and an
// end-of-file address within the data (a truncated file is refused here).
func checkHDF5(name string, head []byte, size int64) error {
	fail := func(msg string) error { return &FormatError{Name: name, Offset: 0, Msg: "HDF5 superblock: " + msg} }
	if len(head) < 9 || string(head[:8]) != string(hdf5Magic) {
		return fail("no signature")
	}
	var sizeOff, sizeLen int
	var eofAt int // byte offset of the base address field, whose EOF address follows
	switch head[8] {
	case 0, 1:
		if len(head) < 24 {
			return fail("too short")
		}
		sizeOff, sizeLen = int(head[13]), int(head[14])
		eofAt = 24
		if head[8] == 1 {
			eofAt = 28
		}
		// base address, free-space address, then the end-of-file address
		eofAt += 2 * sizeOff
	case 2, 3:
		if len(head) < 12 {
			return fail("too short")
		}
		sizeOff, sizeLen = int(head[9]), int(head[10])
		eofAt = 12 + 2*sizeOff // base address, superblock extension address
	default:
		return fail(fmt.Sprintf("unknown version %d", head[8]))
	}
	if (sizeOff != 2 && sizeOff != 4 && sizeOff != 8) || (sizeLen != 2 && sizeLen != 4 && sizeLen != 8) {
		return fail(fmt.Sprintf("invalid offset/length sizes %d/%d", sizeOff, sizeLen))
	}
	if eofAt+sizeOff > len(head) {
		return fail("too short")
	}
	var eof uint64
	switch sizeOff {
	case 2:
		eof = uint64(binary.LittleEndian.Uint16(head[eofAt:]))
	case 4:
		eof = uint64(binary.LittleEndian.Uint32(head[eofAt:]))
	case 8:
		eof = binary.LittleEndian.Uint64(head[eofAt:])
	}
	if eof != 1<<64-1 && eof > uint64(size) {
		return &FormatError{Name: name, Offset: int64(eofAt), Msg: fmt.Sprintf("HDF5 end-of-file address %d is past the end of the data (%d bytes; truncated?)", eof, size)}
	}
	return nil
}
