package erddap

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrNoData is matched (with errors.Is) by an *Error whose server said that
// the query produced no matching results: ERDDAP answers such a query with a
// 404, not with an empty table. Every wording seen in the wild matches:
// "Your query produced no matching results. (nRows = 0)", the 2.11+
// "Resource not found: Your query produced no matching results. ..." and the
// 2.02 search wording. A page with that text but another status (a Tomcat 500
// page, for example) is a server fault and does not match.
var ErrNoData = errors.New("erddap: query produced no matching results")

// Error is an HTTP error answered by an ERDDAP server (or by the web server in
// front of it).
//
// Code and Message come from ERDDAP's error body,
//
//	Error {
//	    code=404;
//	    message="Not Found: Your query produced no matching results. (nRows = 0)";
//	}
//
// which ERDDAP sends as text/plain whatever file type was asked for (a .nc
// URL gets it too). When the body is not such a block (an HTML page from
// Tomcat or nginx, a proxy's text), Code is 0 and Message is a short snippet
// of the body's text, tags stripped, at most 200 characters. URL is the
// request URL without any user:password.
type Error struct {
	StatusCode int    // HTTP status
	Code       int    // code= of the ERDDAP body; 0 when the body is not an ERDDAP error
	Message    string // message= of the ERDDAP body (JSON-unquoted), or a snippet of the body
	URL        string // request URL, credentials removed
}

// Error returns "erddap: HTTP <status>: <message> (<url>)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("erddap: HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.URL != "" {
		b.WriteString(" (")
		b.WriteString(e.URL)
		b.WriteString(")")
	}
	return b.String()
}

// Is reports whether target is ErrNoData and the error says the query
// produced no matching results (status or code 404).
func (e *Error) Is(target error) bool {
	return target == ErrNoData && e.noData()
}

func (e *Error) noData() bool {
	if e.StatusCode != 404 && e.Code != 404 {
		return false
	}
	return strings.Contains(strings.ToLower(e.Message), "produced no matching results")
}

// maxErrorBody bounds how much of an error body is read.
const maxErrorBody = 64 << 10

// maxSnippet is the length, in characters, of the snippet kept from a body
// that is not an ERDDAP error block.
const maxSnippet = 200

var errorBlock = regexp.MustCompile(`(?s)^\s*Error\s*\{\s*code\s*=\s*(\d+)\s*;\s*message\s*=\s*(".*")\s*;\s*\}\s*$`)

// newError builds the *Error of a response with a status outside 2xx from
// its (possibly truncated) body.
func newError(status int, body []byte, rawURL string) *Error {
	e := &Error{StatusCode: status, URL: redactURL(rawURL)}
	if m := errorBlock.FindSubmatch(body); m != nil {
		code, err := strconv.Atoi(string(m[1]))
		if err == nil && code >= 0 && code < 1000 {
			var msg string
			if json.Unmarshal(m[2], &msg) == nil {
				e.Code = code
				e.Message = msg
				return e
			}
			// Not valid JSON: keep the text between the quotes.
			e.Code = code
			e.Message = string(m[2][1 : len(m[2])-1])
			if !utf8.ValidString(e.Message) {
				e.Message = strings.ToValidUTF8(e.Message, "\uFFFD")
			}
			return e
		}
	}
	e.Message = snippet(body)
	return e
}

var (
	htmlDropped = regexp.MustCompile(`(?is)<(head|style|script)\b.*?</(head|style|script)\s*>`)
	htmlTag     = regexp.MustCompile(`(?s)<[^>]*>`)
	htmlSpace   = regexp.MustCompile(`\s+`)
)

// snippet returns the start of a body's text: HTML head, styles, scripts and
// tags dropped, common entities decoded, white space collapsed, at most
// maxSnippet characters.
func snippet(body []byte) string {
	s := string(body)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.Contains(s, "<") {
		s = htmlDropped.ReplaceAllString(s, " ")
		s = htmlTag.ReplaceAllString(s, " ")
		s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&nbsp;", " ", "&amp;", "&").Replace(s)
	}
	s = strings.TrimSpace(htmlSpace.ReplaceAllString(s, " "))
	if utf8.RuneCountInString(s) > maxSnippet {
		r := []rune(s)
		s = string(r[:maxSnippet-1]) + "…"
	}
	return s
}

// redactURL removes the user information (user:password@) from a URL.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		if err != nil {
			// Best effort: cut anything between "://" and the last "@" of the authority.
			if i := strings.Index(raw, "://"); i >= 0 {
				rest := raw[i+3:]
				end := strings.IndexAny(rest, "/?#")
				if end < 0 {
					end = len(rest)
				}
				if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
					return raw[:i+3] + rest[at+1:]
				}
			}
		}
		return raw
	}
	u.User = nil
	return u.String()
}

// errorf formats an error with the package prefix.
func errorf(format string, args ...any) error {
	return fmt.Errorf("erddap: "+format, args...)
}
