package thredds

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds a small pull tokenizer for the XML that THREDDS servers
// write. encoding/xml decodes about 50 MB/s, which is too slow to parse a
// 10,000-dataset catalog in a few milliseconds; this scanner works on the
// input slice in place and allocates only the strings the parser keeps.
//
// It checks what the catalog parser relies on (balanced, matching tags,
// quoted attributes, bounded nesting) and is lenient about the rest: unknown
// entities are kept as written, a DOCTYPE is skipped (its entity
// declarations are never expanded, so entity bombs have no effect).

type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
	tokText
)

// rawAttr is an attribute as written: qualified name and undecoded value.
type rawAttr struct {
	name  []byte
	value []byte
}

// scanner tokenizes an XML document held in memory.
type scanner struct {
	data     []byte
	pos      int
	stack    [][]byte // qualified names of the open elements
	maxDepth int

	// the current token
	kind       tokenKind
	name       []byte    // qualified name (start and end tokens)
	attrs      []rawAttr // start tokens; reused between tokens
	text       []byte    // text tokens: raw character data
	cdata      bool      // text came from a CDATA section (no entities)
	pendingEnd bool      // the current start tag was self-closing
}

var errXMLEOF = errors.New("unexpected end of document")

func newScanner(data []byte, maxDepth int) *scanner {
	return &scanner{data: data, maxDepth: maxDepth, attrs: make([]rawAttr, 0, 8)}
}

func (s *scanner) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: XML at byte %d: %s", ErrNotCatalog, s.pos, fmt.Sprintf(format, args...))
}

// next advances to the next token.
func (s *scanner) next() error {
	if s.pendingEnd {
		s.pendingEnd = false
		s.kind = tokEnd
		s.name = s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		return nil
	}
	for {
		if s.pos >= len(s.data) {
			if len(s.stack) > 0 {
				return s.errorf("%v: <%s> is not closed", errXMLEOF, s.stack[len(s.stack)-1])
			}
			s.kind = tokEOF
			return nil
		}
		d := s.data
		if d[s.pos] != '<' {
			end := bytes.IndexByte(d[s.pos:], '<')
			if end < 0 {
				end = len(d) - s.pos
			}
			s.kind, s.text, s.cdata = tokText, d[s.pos:s.pos+end], false
			s.pos += end
			return nil
		}
		rest := d[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return s.errorf("unterminated processing instruction")
			}
			s.pos += end + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return s.errorf("unterminated comment")
			}
			s.pos += 4 + end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest[9:], []byte("]]>"))
			if end < 0 {
				return s.errorf("unterminated CDATA section")
			}
			s.kind, s.text, s.cdata = tokText, rest[9:9+end], true
			s.pos += 9 + end + 3
			return nil
		case bytes.HasPrefix(rest, []byte("<!")):
			if err := s.skipDeclaration(); err != nil {
				return err
			}
			continue
		case bytes.HasPrefix(rest, []byte("</")):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return s.errorf("unterminated end tag")
			}
			name := bytes.TrimSpace(rest[2:end])
			if len(s.stack) == 0 {
				return s.errorf("unexpected end tag </%s>", name)
			}
			top := s.stack[len(s.stack)-1]
			if !bytes.Equal(top, name) {
				return s.errorf("end tag </%s> does not match <%s>", name, top)
			}
			s.stack = s.stack[:len(s.stack)-1]
			s.kind, s.name = tokEnd, top
			s.pos += end + 1
			return nil
		}
		return s.startTag()
	}
}

// skipDeclaration skips <!DOCTYPE ...> and other <!...> declarations,
// including an internal subset in brackets.
func (s *scanner) skipDeclaration() error {
	d := s.data
	depth := 0
	var quote byte
	for i := s.pos + 2; i < len(d); i++ {
		c := d[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			s.pos = i + 1
			return nil
		}
	}
	return s.errorf("unterminated declaration")
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isNameEnd(c byte) bool { return isSpace(c) || c == '/' || c == '>' || c == '=' }

// startTag parses a start tag at s.pos.
func (s *scanner) startTag() error {
	d := s.data
	i := s.pos + 1
	start := i
	for i < len(d) && !isNameEnd(d[i]) {
		i++
	}
	if i == start {
		return s.errorf("element without a name")
	}
	name := d[start:i]
	s.attrs = s.attrs[:0]
	for {
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if i >= len(d) {
			return s.errorf("unterminated start tag <%s>", name)
		}
		switch d[i] {
		case '>':
			s.pos = i + 1
			return s.push(name, false)
		case '/':
			if i+1 < len(d) && d[i+1] == '>' {
				s.pos = i + 2
				return s.push(name, true)
			}
			return s.errorf("stray '/' in <%s>", name)
		}
		// an attribute
		as := i
		for i < len(d) && !isNameEnd(d[i]) {
			i++
		}
		if i == as {
			return s.errorf("malformed attribute in <%s>", name)
		}
		aname := d[as:i]
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if i >= len(d) || d[i] != '=' {
			return s.errorf("attribute %s in <%s> has no value", aname, name)
		}
		i++
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if i >= len(d) || (d[i] != '"' && d[i] != '\'') {
			return s.errorf("attribute %s in <%s> is not quoted", aname, name)
		}
		q := d[i]
		i++
		end := bytes.IndexByte(d[i:], q)
		if end < 0 {
			return s.errorf("unterminated value of attribute %s", aname)
		}
		s.attrs = append(s.attrs, rawAttr{name: aname, value: d[i : i+end]})
		i += end + 1
		if i < len(d) && !isSpace(d[i]) && d[i] != '>' && d[i] != '/' {
			return s.errorf("no space after attribute %s in <%s>", aname, name)
		}
	}
}

func (s *scanner) push(name []byte, selfClosing bool) error {
	if len(s.stack) >= s.maxDepth {
		return fmt.Errorf("%w: elements nested deeper than %d", ErrTooDeep, s.maxDepth)
	}
	s.stack = append(s.stack, name)
	s.kind, s.name, s.pendingEnd = tokStart, name, selfClosing
	return nil
}

// depth is the number of open elements (the current start tag included).
func (s *scanner) depth() int { return len(s.stack) }

// elementText returns the decoded character data inside the element whose
// start tag is the current token, and consumes its end tag. Text inside
// nested elements is included; leading and trailing space is trimmed.
func (s *scanner) elementText() (string, error) {
	target := len(s.stack) - 1
	var first []byte
	firstCDATA := false
	var buf []byte // used when there is more than one text token
	n := 0
	for {
		if err := s.next(); err != nil {
			return "", err
		}
		switch s.kind {
		case tokEOF:
			return "", s.errorf("%v", errXMLEOF)
		case tokText:
			if n == 0 {
				first, firstCDATA = s.text, s.cdata
			} else {
				if n == 1 {
					buf = append(buf, decodeText(first, firstCDATA)...)
				}
				buf = append(buf, decodeText(s.text, s.cdata)...)
			}
			n++
		case tokEnd:
			if len(s.stack) == target {
				switch n {
				case 0:
					return "", nil
				case 1:
					if firstCDATA {
						return strings.TrimSpace(string(first)), nil
					}
					return unescape(bytes.TrimSpace(first)), nil
				}
				return strings.TrimSpace(string(buf)), nil
			}
		}
	}
}

func decodeText(b []byte, cdata bool) string {
	if cdata {
		return string(b)
	}
	return unescape(b)
}

// unescape decodes the five predefined entities and character references.
// Unknown or malformed references are kept as written.
func unescape(b []byte) string {
	i := bytes.IndexByte(b, '&')
	if i < 0 {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for {
		sb.Write(b[:i])
		b = b[i:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			sb.WriteByte('&')
			b = b[1:]
		} else {
			ent := b[1:semi]
			if r, ok := entity(ent); ok {
				sb.WriteRune(r)
			} else {
				sb.Write(b[:semi+1])
			}
			b = b[semi+1:]
		}
		i = bytes.IndexByte(b, '&')
		if i < 0 {
			sb.Write(b)
			return sb.String()
		}
	}
}

func entity(e []byte) (rune, bool) {
	switch string(e) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(e) > 1 && e[0] == '#' {
		var n uint64
		var err error
		if e[1] == 'x' || e[1] == 'X' {
			n, err = strconv.ParseUint(string(e[2:]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(e[1:]), 10, 32)
		}
		if err == nil && n > 0 && utf8.ValidRune(rune(n)) {
			return rune(n), true
		}
	}
	return 0, false
}

// splitName splits a qualified name into prefix and local part.
func splitName(q []byte) (prefix, local []byte) {
	if i := bytes.IndexByte(q, ':'); i >= 0 {
		return q[:i], q[i+1:]
	}
	return nil, q
}
