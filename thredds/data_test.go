package thredds

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenRefusesOtherSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "/tmp/x.nc", "ftp://h/x.nc", "[log]file:///x.nc", "x.nc"} {
		if _, err := Open(u); !errors.Is(err, ErrUnsupportedScheme) {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, u := range []string{"http://h/x", "https://h/x#dap4", "dap4://h/x", "dods://h/x", "[log][cache]https://h/x"} {
		if err := checkDataURL(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	ds := mustParse(t, `<catalog><service name="h" serviceType="HTTPServer" base="/f/"/><dataset name="a" urlPath="a.nc" serviceName="h"/></catalog>`, "http://h/catalog.xml").Datasets[0]
	if _, err := OpenDataset(ds); !errors.Is(err, ErrNoService) {
		t.Errorf("OpenDataset without OPeNDAP: %v", err)
	}
}

func TestOpenBytesErrors(t *testing.T) {
	if _, err := OpenBytes("http://h/x?accept=netcdf", []byte("<html>oops</html>")); err == nil || !strings.HasPrefix(err.Error(), "thredds: open ") {
		t.Errorf("err %v", err)
	}
	if got := memName("http://h/thredds/ncss/grid/x.grb2?var=a"); got != "x.grb2" {
		t.Errorf("memName %q", got)
	}
	if got := memName("http://h/"); got != "memory.nc" {
		t.Errorf("memName %q", got)
	}
}

func TestCredentialsHelpers(t *testing.T) {
	u, err := URLWithCredentials("https://h:8443/thredds/dodsC/x.nc", "me@org", "p:w@d")
	if err != nil || u != "https://me%40org:p%3Aw%40d@h:8443/thredds/dodsC/x.nc" {
		t.Errorf("%q %v", u, err)
	}
	if r := redact(u); strings.Contains(r, "p%3Aw") || !strings.Contains(r, "xxxxx") {
		t.Errorf("redact %q", r)
	}
	p := filepath.Join(t.TempDir(), ".ncrc")
	entries := append(CredentialsRC("https://h:8443/thredds", "me", "pw"), RCEntry{Key: "HTTP.NETRC", Value: "/home/me/.netrc"})
	if err := WriteRC(p, entries...); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	want := "[https://h:8443/thredds]HTTP.CREDENTIALS.USERNAME=me\n[https://h:8443/thredds]HTTP.CREDENTIALS.PASSWORD=pw\nHTTP.NETRC=/home/me/.netrc\n"
	if string(b) != want {
		t.Errorf("rc file:\n%s", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
	if err := WriteRC(p, RCEntry{Key: "HTTP.PROXY.SERVER", Value: "x\nHTTP.NETRC=/evil"}); err == nil {
		t.Error("a line break was written")
	}
}
