package thredds

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// toUTF8 returns the document as UTF-8. It honours a UTF-16 byte-order mark
// and the encoding named by the XML declaration: ISO-8859-1 (RAMADDA writes
// it), windows-1252, US-ASCII and UTF-8. A document that claims UTF-8 (or
// names no encoding) but is not valid UTF-8 is read as Latin-1, which never
// fails; other encodings are an error.
func toUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true), nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false), nil
	}
	enc := strings.ToLower(declaredEncoding(data))
	switch enc {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		if utf8.Valid(data) {
			return data, nil
		}
		return latin1(data, false), nil
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819", "ibm819":
		return latin1(data, false), nil
	case "windows-1252", "cp1252", "x-cp1252":
		return latin1(data, true), nil
	}
	return nil, fmt.Errorf("%w: unsupported encoding %q", ErrNotCatalog, enc)
}

// declaredEncoding returns the encoding pseudo-attribute of the XML
// declaration at the start of data, or "".
func declaredEncoding(data []byte) string {
	d := bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n")
	if !bytes.HasPrefix(d, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(d, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := d[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := bytes.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return string(rest[1 : 1+j])
}

// cp1252 maps the bytes 0x80-0x9F of windows-1252 to Unicode (0 where the
// code page leaves a byte undefined: those keep their Latin-1 value).
var cp1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// latin1 decodes ISO-8859-1 (or windows-1252) bytes into UTF-8.
func latin1(data []byte, windows bool) []byte {
	n := 0
	for _, c := range data {
		if c >= 0x80 {
			n++
		}
	}
	if n == 0 {
		return data
	}
	out := make([]byte, 0, len(data)+2*n)
	for _, c := range data {
		if c < 0x80 {
			out = append(out, c)
			continue
		}
		r := rune(c)
		if windows && c < 0xA0 && cp1252[c-0x80] != 0 {
			r = cp1252[c-0x80]
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

func decodeUTF16(data []byte, bigEndian bool) []byte {
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	out := make([]byte, 0, len(u))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}
