package thredds

import (
	"net/url"
	"path"
	"strings"
)

// buildURL makes an access URL: service base + urlPath + suffix are
// concatenated as strings (no slash is ever inserted), then the result is
// resolved per RFC 3986 against the catalog's base, as netcdf-java's
// Access.getStandardUri does. A urlPath that is already an absolute http(s)
// URL (RAMADDA writes some) is returned as it is.
func (c *Catalog) buildURL(svcBase, urlPath, suffix string) string {
	if isAbsHTTP(urlPath) {
		return strings.TrimSpace(urlPath)
	}
	return c.resolve(svcBase + urlPath + suffix)
}

// resolve resolves a reference against the catalog's base. A nil catalog
// leaves it unresolved.
func (c *Catalog) resolve(ref string) string {
	if c == nil {
		return resolveRef(nil, ref)
	}
	if s, ok := c.fast.resolve(ref); ok {
		return s
	}
	return resolveRef(c.base, ref)
}

// setBase sets the resolution base and its precomputed prefixes.
func (c *Catalog) setBase(u *url.URL) {
	c.base = u
	c.fast = newFastBase(u)
}

// fastBase resolves the references that dominate real catalogs (a
// host-rooted "/thredds/dodsC/..." path or a plain relative path) by
// string concatenation, giving the same result as url.ResolveReference
// followed by String, which costs a microsecond or two per access.
type fastBase struct {
	origin string // "scheme://host" ("" when the fast path is off)
	dir    string // origin + the base path up to its last '/'
}

func newFastBase(u *url.URL) fastBase {
	if !isHTTPURL(u) || u.User != nil || u.Opaque != "" || !safePath(u.EscapedPath()) || strings.Contains(u.EscapedPath(), "/.") {
		return fastBase{}
	}
	origin := u.Scheme + "://" + u.Host
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return fastBase{origin: origin, dir: origin + p[:strings.LastIndexByte(p, '/')+1]}
}

// safePath reports whether s holds only characters that url.Parse and
// URL.String leave as they are in a path, and no escapes.
func safePath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == ',' || c == '=' || c == '@':
		default:
			return false
		}
	}
	return true
}

func (f fastBase) resolve(ref string) (string, bool) {
	if f.origin == "" || ref == "" || !safePath(ref) || strings.Contains(ref, "/.") || ref[0] == '.' {
		return "", false
	}
	if ref[0] == '/' {
		if len(ref) > 1 && ref[1] == '/' {
			return "", false // network-path reference
		}
		return f.origin + ref, true
	}
	if strings.IndexByte(ref, ':') >= 0 {
		return "", false
	}
	return f.dir + ref, true
}

// resolveRef resolves a reference (an href or a concatenated access path)
// against base. Characters that cannot appear in a URL (spaces, as in
// netcdf-java, and a few others) are percent-encoded first. When the
// reference still cannot be parsed it is returned as written. With a nil
// base the reference is returned unresolved.
func resolveRef(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(escapeLoose(ref))
	if err != nil {
		return ref
	}
	if base == nil {
		return u.String()
	}
	return base.ResolveReference(u).String()
}

func isAbsHTTP(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 8 {
		return false
	}
	l := strings.ToLower(s[:8])
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// escapeLoose percent-encodes the bytes that url.Parse rejects or that are
// not allowed in a URL: control characters, space, '"', '<', '>', '\\',
// '^', '`', '{', '|', '}', and a '%' that does not start an escape.
func escapeLoose(s string) string {
	need := false
	for i := 0; i < len(s); i++ {
		if mustEscape(s, i) {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		if mustEscape(s, i) {
			c := s[i]
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func mustEscape(s string, i int) bool {
	c := s[i]
	switch {
	case c <= 0x20 || c == 0x7f:
		return true
	case c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}':
		return true
	case c == '%':
		return i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])
	}
	return false
}

// canonicalURL is the key used to detect catalogs already read: scheme and
// host lower-cased, default ports dropped, dot segments and repeated
// slashes removed, path escapes normalised, the fragment dropped.
func canonicalURL(s string) string {
	u, err := url.Parse(escapeLoose(strings.TrimSpace(s)))
	if err != nil {
		return s
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Host)
	switch {
	case u.Scheme == "http" && strings.HasSuffix(host, ":80"):
		host = strings.TrimSuffix(host, ":80")
	case u.Scheme == "https" && strings.HasSuffix(host, ":443"):
		host = strings.TrimSuffix(host, ":443")
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	p := u.Path
	if p == "" {
		p = "/"
	}
	trailing := strings.HasSuffix(p, "/")
	p = path.Clean(p)
	if trailing && p != "/" {
		p += "/"
	}
	u.Path, u.RawPath = p, ""
	u.User = nil
	return u.String()
}

// isHTTPURL reports whether u is an absolute http or https URL with a host.
func isHTTPURL(u *url.URL) bool {
	return u != nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// hostKey is the host and port of u used by the SameHost crawl rule.
func hostKey(u *url.URL) string {
	h := strings.ToLower(u.Hostname())
	p := u.Port()
	if p == "" || (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
		return h
	}
	return h + ":" + p
}

// ncssEndpoint strips the dataset-description suffixes an NCSS access URL
// may carry (NCEI's service suffix is "/dataset.html") and any query.
func ncssEndpoint(s string) string {
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	for _, suf := range []string{"/dataset.html", "/dataset.xml", "/pointDataset.html", "/pointDataset.xml", "/datasetBoundaries.xml", "/station.xml", "/stations.xml"} {
		if strings.HasSuffix(s, suf) {
			return strings.TrimSuffix(s, suf)
		}
	}
	return s
}
