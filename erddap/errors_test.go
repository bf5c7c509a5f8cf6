package erddap

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/internal/testutil"
)

// realBody reads a recorded response body from shared/realdata/erddap.
func realBody(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(testutil.RealData(t, "erddap", rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// replay serves one recorded body with its recorded status and content type
// for every request, and counts the requests.
func replay(t testing.TB, status int, ctype string, body []byte) (*httptest.Server, *int) {
	t.Helper()
	n := new(int)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*n++
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, n
}

func TestErrorFixtures(t *testing.T) {
	tests := []struct {
		file     string
		status   int
		ctype    string
		ft       string
		code     int
		message  string // exact, or prefix when snippet
		noData   bool
		retries  int // attempts expected (1 = no retry)
		snippetf bool
	}{
		{"euroargodev__argopy/tabledap__ArgoFloats__box_nomatch__404.nc", 404, "application/x-netcdf", ".nc", 404,
			"Not Found: Your query produced no matching results. (nRows = 0)", true, 1, false},
		{"euroargodev__argopy/tabledap__ArgoFloats__box_nomatch__404.ncHeader", 404, "text/plain", ".ncHeader", 404,
			"Not Found: Your query produced no matching results. (nRows = 0)", true, 1, false},
		{"ioos__erddapy/search__sccoos__glider__404_v2.11.txt", 404, "text/plain;charset=UTF-8", ".csv", 404,
			"Not Found: Resource not found: Your query produced no matching results. Check the spelling of the word(s) you searched for.", true, 1, false},
		{"ioos__erddapy/search__ooi__glider__404_v2.02.txt", 404, "text/plain;charset=UTF-8", ".csv", 404,
			"Not Found: Your query produced no matching results. Check the spelling of the word(s) you searched for.", true, 1, false},
		{"ioos__erddapy/tabledap__org_cormp_cap2__404_unknown_datasetID.txt", 404, "text/plain;charset=UTF-8", ".csvp", 404,
			"Not Found: Currently unknown datasetID=org_cormp_cap2", false, 1, false},
		{"ioos__erddapy/tabledap__org_cormp_cap2__400_double_encoded.txt", 400, "text/plain;charset=UTF-8", ".htmlTable", 400,
			`Bad Request: Query error: Unrecognized constraint variable="time%3E".`, false, 1, false},
		{"euroargodev__argopy/tabledap__ArgoFloats-synthetic-BGC__413_payload_too_large.ncHeader", 413, "text/plain", ".ncHeader", 413,
			"Payload Too Large: Your query produced too much data.  Try to request less data. [memory]  The request needs more memory (10300 MB) than is ever safely available in this Java setup (9984 MB). (TableWriterAll.cumulativeTable)", false, 1, false},
		{"ioos__erddapy/search__nrm-nci__500_tomcat.html", 500, "text/html;charset=utf-8", ".csv", 0,
			"HTTP Status 500 – Internal Server Error Type Status Report Message Your query produced no matching results.", false, 1, true},
		{"ioos__erddapy/tabledap__org_cormp_cap2__404_nginx.html", 404, "text/html", ".csvp", 0,
			"404 Not Found nginx/1.20.1", false, 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			body := realBody(t, tc.file)
			srv, n := replay(t, tc.status, tc.ctype, body)
			c := mustClient(t, srv.URL+"/erddap", WithRetries(3, 0))
			var sb strings.Builder
			nw, err := c.Download(context.Background(), NewTableQuery("ds").Select("time"), tc.ft, &sb)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want *Error", err, err)
			}
			if nw != 0 || sb.Len() != 0 {
				t.Errorf("an error body was written out (%d bytes)", nw)
			}
			if e.StatusCode != tc.status || e.Code != tc.code {
				t.Errorf("StatusCode, Code = %d, %d; want %d, %d", e.StatusCode, e.Code, tc.status, tc.code)
			}
			if tc.snippetf {
				if !strings.HasPrefix(e.Message, tc.message) || len([]rune(e.Message)) > maxSnippet || strings.Contains(e.Message, "<") || strings.Contains(e.Message, "font-family") {
					t.Errorf("Message = %q, want a tag-free snippet ≤%d chars starting %q", e.Message, maxSnippet, tc.message)
				}
			} else if e.Message != tc.message {
				t.Errorf("Message = %q, want %q", e.Message, tc.message)
			}
			if got := errors.Is(err, ErrNoData); got != tc.noData {
				t.Errorf("errors.Is(err, ErrNoData) = %v, want %v", got, tc.noData)
			}
			if *n != tc.retries {
				t.Errorf("%d requests, want %d (no retry on %d)", *n, tc.retries, tc.status)
			}
			if !strings.HasPrefix(err.Error(), "erddap: HTTP ") || !strings.Contains(err.Error(), srv.URL) {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestNewErrorBodies(t *testing.T) {
	tests := []struct {
		body    string
		code    int
		message string
	}{
		{"Error {\n    code=404;\n    message=\"Not Found: x \\\"q\\\" \\u20ac\";\n}\n", 404, `Not Found: x "q" €`},
		{"Error {code=500; message=\"Internal Server Error: boom\";}", 500, "Internal Server Error: boom"},
		{"Error {\n code=400;\n message=\"bad \\x escape\";\n}", 400, `bad \x escape`},
		{"Error { code=99999999999; message=\"x\"; }", 0, `Error { code=99999999999; message="x"; }`},
		{"plain text from a proxy", 0, "plain text from a proxy"},
		{"", 0, ""},
		{"<html><head><title>T</title><script>var x=1;</script></head><body><p>A &amp; B</p></body></html>", 0, "A & B"},
	}
	for _, tc := range tests {
		e := newError(502, []byte(tc.body), "https://user:secret@example.org/erddap/x")
		if e.Code != tc.code || e.Message != tc.message {
			t.Errorf("newError(%q) = code %d message %q; want %d %q", tc.body, e.Code, e.Message, tc.code, tc.message)
		}
		if strings.Contains(e.URL, "secret") || e.URL != "https://example.org/erddap/x" {
			t.Errorf("URL = %q: credentials not removed", e.URL)
		}
	}
	long := strings.Repeat("é", 500)
	if m := newError(500, []byte(long), "").Message; len([]rune(m)) != maxSnippet {
		t.Errorf("snippet has %d characters, want %d", len([]rune(m)), maxSnippet)
	}
	if got := redactURL("https://u:p@[bad/x"); strings.Contains(got, "u:p") {
		t.Errorf("redactURL of an unparsable URL kept credentials: %q", got)
	}
}

// FuzzParseError checks that any body gives an *Error without panicking,
// with a message no longer than the snippet limit unless it came from an
// ERDDAP error block, and valid UTF-8.
func FuzzParseError(f *testing.F) {
	f.Add([]byte("Error {\n    code=404;\n    message=\"Not Found: Your query produced no matching results. (nRows = 0)\";\n}\n"))
	f.Add([]byte("<html><head><title>404 Not Found</title></head><body><h1>x</h1></body></html>"))
	f.Add([]byte("Error {code=1; message=\"\\ud800\";}"))
	f.Add([]byte{0xff, 0xfe, '<', 'a'})
	f.Fuzz(func(t *testing.T, body []byte) {
		e := newError(404, body, "http://h/erddap")
		if e.StatusCode != 404 {
			t.Fatal("status lost")
		}
		if e.Code == 0 && len([]rune(e.Message)) > maxSnippet {
			t.Fatalf("snippet of %d characters", len([]rune(e.Message)))
		}
		if !strings.HasPrefix(e.Error(), "erddap: HTTP 404") {
			t.Fatalf("Error() = %q", e.Error())
		}
		_ = errors.Is(e, ErrNoData)
	})
}
