package thredds

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Errors callers branch on with [errors.Is].
var (
	// ErrNotCatalog: the document is not a THREDDS catalog (an HTML page,
	// malformed XML, another root element).
	ErrNotCatalog = errors.New("thredds: not a THREDDS catalog")
	// ErrTooDeep: the document nests elements deeper than [MaxNesting].
	ErrTooDeep = errors.New("thredds: document nested too deeply")
	// ErrTooLarge: a response is larger than the client's limit
	// ([WithMaxCatalogSize], [WithMaxResponseSize]).
	ErrTooLarge = errors.New("thredds: response larger than the client's limit")
	// ErrUnsupportedScheme: a URL that is not http or https (file:, ftp:, ...)
	// was given or referenced; this package never follows one.
	ErrUnsupportedScheme = errors.New("thredds: only http and https URLs are read")
	// ErrNoService: the dataset has no access of the requested service type.
	ErrNoService = errors.New("thredds: no such service for the dataset")
	// ErrNoResolver: latest was asked of a catalog or dataset without a
	// Resolver (latest) service.
	ErrNoResolver = errors.New("thredds: no Resolver (latest) service")
	// ErrNotFound: the server answered 404.
	ErrNotFound = errors.New("thredds: not found")
	// ErrForbidden: the server answered 401 or 403 (authentication needed,
	// or a restricted dataset).
	ErrForbidden = errors.New("thredds: access denied")
	// ErrRequestTooLarge: the server refused a request as too large (NCSS
	// "response too large", OPeNDAP "Request too big"): subset further, or
	// ask for a shorter time range.
	ErrRequestTooLarge = errors.New("thredds: request too large for the server")
	// ErrCrawlLimit: a crawl reached CrawlOptions.MaxCatalogs.
	ErrCrawlLimit = errors.New("thredds: crawl reached its catalog limit")
)

// HTTPError is a response with a status other than 2xx. It unwraps to
// [ErrNotFound] (404), [ErrForbidden] (401, 403) and [ErrRequestTooLarge]
// (413, or a body saying the request is too large or too big).
type HTTPError struct {
	StatusCode  int
	URL         string
	Body        string // the start of the response body (at most 64 KiB)
	ContentType string
}

// Error returns the request URL, the status and the start of the body.
func (e *HTTPError) Error() string {
	msg := strings.TrimSpace(e.Body)
	if i := strings.IndexByte(msg, '\n'); i >= 0 && strings.Contains(strings.ToLower(e.ContentType), "html") {
		msg = msg[:i]
	}
	msg = truncate(msg, 300)
	status := fmt.Sprintf("%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if msg == "" {
		return fmt.Sprintf("thredds: GET %s: %s", e.URL, strings.TrimSpace(status))
	}
	return fmt.Sprintf("thredds: GET %s: %s: %s", e.URL, strings.TrimSpace(status), msg)
}

// Unwrap returns the sentinels the status and body match.
func (e *HTTPError) Unwrap() []error {
	var out []error
	switch e.StatusCode {
	case http.StatusNotFound:
		out = append(out, ErrNotFound)
	case http.StatusUnauthorized, http.StatusForbidden:
		out = append(out, ErrForbidden)
	}
	b := strings.ToLower(e.Body)
	if e.StatusCode == http.StatusRequestEntityTooLarge || strings.Contains(b, "too large") || strings.Contains(b, "too big") {
		out = append(out, ErrRequestTooLarge)
	}
	return out
}

// CrawlError is a failure to read one catalog of a crawl. The crawl goes
// on after it unless the caller stops.
type CrawlError struct {
	URL   string      // the catalog that failed
	Ref   *CatalogRef // the reference that led to it (nil for the root)
	Depth int         // 1 for the root catalog
	Err   error
}

// Error returns the catalog URL and the cause.
func (e *CrawlError) Error() string {
	return fmt.Sprintf("thredds: crawl %s: %v", e.URL, strings.TrimPrefix(e.Err.Error(), "thredds: "))
}

// Unwrap returns the underlying error.
func (e *CrawlError) Unwrap() error { return e.Err }
