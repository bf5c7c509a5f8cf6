package testutil

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// HasNcdump reports whether ncdump (netcdf-bin) is installed.
func HasNcdump() bool {
	_, err := exec.LookPath("ncdump")
	return err == nil
}

// Ncdump runs `ncdump -p 9,17 -v name path` (full float and double
// precision) and returns the tokens of the variable's data section: quoted
// strings unquoted with ncdump's escapes undone, numbers as text, "_" for
// fill values. The test is skipped when ncdump is not installed.
func Ncdump(t testing.TB, path, name string) []string {
	t.Helper()
	if !HasNcdump() {
		t.Skip("ncdump (netcdf-bin) is not installed")
	}
	out, err := exec.Command("ncdump", "-p", "9,17", "-v", name, path).Output()
	if err != nil {
		t.Fatalf("ncdump -v %s %s: %v", name, path, err)
	}
	i := bytes.Index(out, []byte("\ndata:\n"))
	if i < 0 {
		t.Fatalf("ncdump output for %s has no data section", path)
	}
	data := out[i:]
	start := bytes.Index(data, []byte("\n "+name+" ="))
	if start < 0 {
		t.Fatalf("ncdump output has no data for %s", name)
	}
	body := string(data[start+len(name)+4:])
	var toks []string
	var cur strings.Builder
	inStr, quoted := false, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case inStr && c == '\\' && i+1 < len(body):
			i++
			switch body[i] {
			case 'n':
				cur.WriteByte('\n')
			case 't':
				cur.WriteByte('\t')
			case '0':
				cur.WriteByte(0)
			default:
				cur.WriteByte(body[i])
			}
		case inStr && c == '"':
			inStr = false
		case inStr:
			cur.WriteByte(c)
		case c == '"':
			inStr, quoted = true, true
		case c == ',' || c == ';':
			tok := cur.String()
			if !quoted {
				tok = strings.TrimSpace(tok) // quoted text keeps its blanks
			}
			toks = append(toks, tok)
			cur.Reset()
			quoted = false
			if c == ';' {
				return toks
			}
		case c == '\n' || c == ' ' || c == '\t':
			// separators
		default:
			cur.WriteByte(c)
		}
	}
	t.Fatalf("unterminated ncdump data for %s", name)
	return nil
}
