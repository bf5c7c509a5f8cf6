package thredds

import (
	"errors"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

const testBase = "http://example.com/thredds/catalog/sub/catalog.xml"

func mustParse(t testing.TB, doc, base string) *Catalog {
	t.Helper()
	cat, err := ParseCatalog([]byte(doc), base)
	if err != nil {
		t.Fatalf("ParseCatalog: %v", err)
	}
	return cat
}

func TestParseLenient(t *testing.T) {
	tests := []struct {
		name, doc string
		want      map[string]string // dataset name -> OPENDAP URL
	}{
		{
			name: "prefixed root and elements",
			doc: `<?xml version="1.0"?>
<th:catalog xmlns:th="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0">
 <th:service name="dap" serviceType="OPeNDAP" base="/opendap/hyrax"/>
 <th:dataset name="a"><th:access serviceName="dap" urlPath="/x/a.nc"/></th:dataset>
</th:catalog>`,
			want: map[string]string{"a": "http://example.com/opendap/hyrax/x/a.nc"},
		},
		{
			name: "no namespace, services after datasets, lowercase type",
			doc: `<catalog><dataset name="a" urlPath="a.nc" serviceName="s"/>
<service name="s" serviceType="opendap" base="/dods/"/></catalog>`,
			want: map[string]string{"a": "http://example.com/dods/a.nc"},
		},
		{
			name: "DODS is OPeNDAP, compound in lower case",
			doc: `<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0">
<service name="all" serviceType="compound" base=""><service name="d" serviceType="DODS" base="/dodsC/"/></service>
<dataset name="a" urlPath="a.nc"><serviceName>all</serviceName></dataset></catalog>`,
			want: map[string]string{"a": "http://example.com/dodsC/a.nc"},
		},
		{
			name: "relative service base resolves against the catalog directory",
			doc: `<catalog><service name="s" serviceType="OPENDAP" base="airtemp/"/>
<dataset name="a" urlPath="a b.nc" serviceName="s"/></catalog>`,
			want: map[string]string{"a": "http://example.com/thredds/catalog/sub/airtemp/a%20b.nc"},
		},
		{
			name: "relative catalog@base resolves against the document URL",
			doc: `<catalog base="../../other/"><service name="s" serviceType="OPENDAP" base="d/"/>
<dataset name="a" urlPath="a.nc" serviceName="s"/></catalog>`,
			want: map[string]string{"a": "http://example.com/thredds/other/d/a.nc"},
		},
		{
			name: "absolute urlPath is kept",
			doc: `<catalog><service name="s" serviceType="OPENDAP" base="/dods/"/>
<dataset name="a" urlPath="https://other.org/x/a.nc" serviceName="s"/></catalog>`,
			want: map[string]string{"a": "https://other.org/x/a.nc"},
		},
		{
			name: "entities and character references",
			doc: `<catalog><service name="s&amp;t" serviceType="OPENDAP" base="/d/"/>
<dataset name="a&lt;1&#x3E;" urlPath="a&amp;b.nc" serviceName="s&amp;t"/></catalog>`,
			want: map[string]string{"a<1>": "http://example.com/d/a&b.nc"},
		},
		{
			name: "InvCatalog 0.6 namespace",
			doc: `<catalog xmlns="http://www.unidata.ucar.edu/thredds" xmlns:xlink="http://www.w3.org/1999/xlink" version="0.6">
<service name="s" serviceType="DODS" base="/d/"/><dataset name="a"><access serviceName="s" urlPath="a.nc"/></dataset></catalog>`,
			want: map[string]string{"a": "http://example.com/d/a.nc"},
		},
		{
			name: "comments, CDATA, processing instructions, doctype",
			doc: `<?xml version="1.0"?><!DOCTYPE catalog [ <!ENTITY x "y"> ]><?pi x?><!-- c -->
<catalog><!-- <dataset name="no"/> --><service name="s" serviceType="OPENDAP" base="/d/"/>
<dataset name="a" urlPath="a.nc"><serviceName><![CDATA[s]]></serviceName></dataset></catalog>`,
			want: map[string]string{"a": "http://example.com/d/a.nc"},
		},
		{
			name: "foreign elements are skipped, even thredds-named ones",
			doc: `<catalog xmlns:x="urn:other"><service name="s" serviceType="OPENDAP" base="/d/"/>
<x:dataset name="no" urlPath="no.nc" serviceName="s"/>
<dataset name="a" urlPath="a.nc" serviceName="s"><x:serviceName>nothing</x:serviceName></dataset></catalog>`,
			want: map[string]string{"a": "http://example.com/d/a.nc"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat := mustParse(t, tt.doc, testBase)
			got := map[string]string{}
			for _, d := range cat.All() {
				if u, ok := d.AccessURL("OPENDAP"); ok {
					got[d.Name] = u
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s: %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func TestParseCharsets(t *testing.T) {
	latin := "<?xml version='1.0' encoding='ISO-8859-1'?><catalog name='Donn\xe9es'><dataset name='mer \xe0 boire'/></catalog>"
	cat := mustParse(t, latin, "")
	if cat.Name != "Données" || cat.Datasets[0].Name != "mer à boire" {
		t.Errorf("latin-1: %q %q", cat.Name, cat.Datasets[0].Name)
	}
	// a document that claims UTF-8 but is not is read as Latin-1
	cat = mustParse(t, "<catalog name='caf\xe9'/>", "")
	if cat.Name != "café" {
		t.Errorf("invalid UTF-8: %q", cat.Name)
	}
	win := "<?xml version=\"1.0\" encoding=\"windows-1252\"?><catalog name=\"\x93quoted\x94\"/>"
	if cat := mustParse(t, win, ""); cat.Name != "\u201cquoted\u201d" {
		t.Errorf("windows-1252: %q", cat.Name)
	}
	u := utf16.Encode([]rune(`<?xml version="1.0" encoding="UTF-16"?><catalog name="ℓ"/>`))
	b := []byte{0xFF, 0xFE}
	for _, x := range u {
		b = append(b, byte(x), byte(x>>8))
	}
	if cat, err := ParseCatalog(b, ""); err != nil || cat.Name != "ℓ" {
		t.Errorf("UTF-16: %v %v", cat, err)
	}
	if _, err := ParseCatalog([]byte(`<?xml version="1.0" encoding="EBCDIC"?><catalog/>`), ""); !errors.Is(err, ErrNotCatalog) {
		t.Errorf("EBCDIC: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		want      error
	}{
		{"empty", "", ErrNotCatalog},
		{"html page", "<!DOCTYPE html><html><head><title>x</title></head><body>x</body></html>", ErrNotCatalog},
		{"text", "Throwable exception handled : null", ErrNotCatalog},
		{"other root", `<gridDataset location="x"/>`, ErrNotCatalog},
		{"mismatched", `<catalog><dataset name="a"></catalog>`, ErrNotCatalog},
		{"unclosed", `<catalog><dataset name="a">`, ErrNotCatalog},
		{"unquoted", `<catalog name=x/>`, ErrNotCatalog},
		{"bad attr", `<catalog name="x"y="z"/>`, ErrNotCatalog},
		{"unterminated comment", `<catalog><!-- x`, ErrNotCatalog},
		{"deep", "<catalog>" + strings.Repeat("<dataset name='x'>", MaxNesting) + strings.Repeat("</dataset>", MaxNesting) + "</catalog>", ErrTooDeep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCatalog([]byte(tt.doc), testBase)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "thredds: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
	if _, err := ParseCatalog([]byte("<catalog/>"), "http://[::1"); err == nil {
		t.Error("a malformed base URL was accepted")
	}
}

// Entity declarations in a DOCTYPE are never expanded.
func TestParseEntityBomb(t *testing.T) {
	doc := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<catalog name="&lol2;"/>`
	cat := mustParse(t, doc, "")
	if cat.Name != "&lol2;" {
		t.Errorf("name %q", cat.Name)
	}
}

func TestParseMetadata(t *testing.T) {
	doc := `<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" expires="2030-01-02T03:04:05Z">
 <service name="s" serviceType="HTTPServer" base="/f/"/>
 <dataset name="top" restrictAccess="role">
  <metadata inherited="true">
   <serviceName>s</serviceName>
   <documentation type="summary">inherited</documentation>
   <keyword vocabulary="GCMD">OCEAN</keyword>
   <property name="p" value="top"/>
   <geospatialCoverage zpositive="down"><northsouth><start>10</start><size>5</size><units>degrees_north</units></northsouth>
    <eastwest><start>170</start><size>20</size><resolution>0.5</resolution></eastwest><name>box</name></geospatialCoverage>
  </metadata>
  <metadata xlink:href="iso/x.xml" xlink:title="ISO" metadataType="ISO"/>
  <documentation xlink:type="simple" xlink:href="doc.html" xlink:title="Doc" type="rights">local</documentation>
  <dataset name="child" urlPath="c.nc">
   <dataSize units="Mbytes">1.5</dataSize>
   <property name="p" value="child"/>
   <creator><name vocabulary="DIF">Me</name><contact url="http://me" email="me@x"/></creator>
   <contributor role="PI">You</contributor>
   <date type="created">2020-01-02</date>
   <project>P</project>
   <variables vocabulary="CF-1.0"><variable name="t" vocabulary_name="sea_water_temperature" units="degC">Temperature</variable></variables>
   <catalogRef xlink:href="r.xml" xlink:title="R"><dataset name="ignored"/></catalogRef>
  </dataset>
 </dataset>
</catalog>`
	cat := mustParse(t, doc, testBase)
	if !cat.Expires.Equal(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("expires %v", cat.Expires)
	}
	top, child := cat.Datasets[0], cat.Datasets[0].Datasets[0]
	if len(cat.All()) != 2 {
		t.Errorf("datasets nested in a catalogRef are not ignored: %d", len(cat.All()))
	}
	if top.Metadata.Documentation[0].Type != "rights" || top.Metadata.Documentation[0].Href != "http://example.com/thredds/catalog/sub/doc.html" {
		t.Errorf("xlink:type clobbered the documentation: %+v", top.Metadata.Documentation[0])
	}
	if top.Metadata.Links[0].Href != "http://example.com/thredds/catalog/sub/iso/x.xml" || top.Metadata.Links[0].Type != "ISO" {
		t.Errorf("link %+v", top.Metadata.Links)
	}
	eff := child.Effective()
	if len(eff.Documentation) != 1 || eff.Documentation[0].Text != "inherited" {
		t.Errorf("documentation %+v (the parent's local documentation must not pass down)", eff.Documentation)
	}
	if len(eff.Links) != 0 {
		t.Errorf("non-inherited link passed down: %+v", eff.Links)
	}
	if v, _ := child.Property("p"); v != "child" {
		t.Errorf("property %q", v)
	}
	if len(eff.Properties) != 1 {
		t.Errorf("properties %+v", eff.Properties)
	}
	if eff.Keywords[0] != (Vocab{Vocabulary: "GCMD", Value: "OCEAN"}) || eff.Projects[0].Value != "P" {
		t.Errorf("keywords %+v projects %+v", eff.Keywords, eff.Projects)
	}
	if eff.Creators[0] != (Source{Name: "Me", Vocabulary: "DIF", URL: "http://me", Email: "me@x"}) {
		t.Errorf("creator %+v", eff.Creators[0])
	}
	if eff.Contributors[0] != (Contributor{Role: "PI", Name: "You"}) {
		t.Errorf("contributor %+v", eff.Contributors)
	}
	if !eff.Dates[0].Time.Equal(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date %+v", eff.Dates)
	}
	v := eff.Variables[0]
	if v.Vocabulary != "CF-1.0" || v.Variables[0] != (Variable{Name: "t", VocabularyName: "sea_water_temperature", Units: "degC", Description: "Temperature"}) {
		t.Errorf("variables %+v", v)
	}
	g := child.GeospatialCoverage()
	w, s, e, n, ok := g.BBox()
	if !ok || w != 170 || s != 10 || e != 190 || n != 15 || g.ZPositive != "down" || g.Name != "box" || g.EastWest.Resolution != 0.5 || !math.IsNaN(g.NorthSouth.Resolution) {
		t.Errorf("coverage %+v", g)
	}
	if child.Restricted() != "role" || child.RestrictAccess != "" {
		t.Errorf("restrictAccess %q", child.Restricted())
	}
	acc := child.Access()
	if len(acc) != 1 || acc[0].URL != "http://example.com/f/c.nc" || acc[0].DataSize.Bytes() != 1500000 {
		t.Errorf("access %+v", acc)
	}
	if r := child.Refs[0]; r.URL != "http://example.com/thredds/catalog/sub/r.xml" || r.Parent != child || r.Catalog != cat {
		t.Errorf("ref %+v", r)
	}
	if p := child.Path(); len(p) != 2 || p[0] != "top" || p[1] != "child" {
		t.Errorf("path %v", p)
	}
}

func TestFindService(t *testing.T) {
	doc := `<catalog>
 <service name="c" serviceType="Compound" base=""><service name="x" serviceType="WMS" base="/nested/"/></service>
 <service name="x" serviceType="OPENDAP" base="/top/"/>
 <service name="C2" serviceType="Compound" base=""><service name="C3" serviceType="Compound" base=""><service name="deep" serviceType="DAP4" base="/dap4/"/></service></service>
 <dataset name="a" urlPath="a.nc" serviceName="x"/>
 <dataset name="b" urlPath="b.nc" serviceName="c2"/>
 <dataset name="u" urlPath="u.nc" serviceName="undefined"/>
</catalog>`
	cat := mustParse(t, doc, "http://h/thredds/catalog.xml")
	if s := cat.FindService("x"); s == nil || s.Base != "/top/" {
		t.Errorf("top-level services come first: %+v", s)
	}
	if s := cat.FindService("deep"); s == nil || s.Type != "DAP4" {
		t.Errorf("nested: %+v", s)
	}
	a := cat.FindName("a").Access()
	if len(a) != 1 || a[0].URL != "http://h/top/a.nc" {
		t.Errorf("a %+v", a)
	}
	// case-insensitive fallback and recursive compound expansion
	b := cat.FindName("b").Access()
	if len(b) != 1 || b[0].URL != "http://h/dap4/b.nc" || b[0].ServiceType != ServiceDAP4 {
		t.Errorf("b %+v", b)
	}
	if a := cat.FindName("u").Access(); len(a) != 0 {
		t.Errorf("undefined service gave %+v", a)
	}
}

func TestEmptyBaseStaysRelative(t *testing.T) {
	cat := mustParse(t, `<catalog><service name="s" serviceType="OPENDAP" base="/dodsC/"/><dataset name="a" urlPath="x/a.nc" serviceName="s"/><catalogRef xlink:href="sub/catalog.xml" xmlns:xlink="http://www.w3.org/1999/xlink"/></catalog>`, "")
	if u, _ := cat.Datasets[0].AccessURL("opendap"); u != "/dodsC/x/a.nc" {
		t.Errorf("url %q", u)
	}
	if cat.Refs[0].URL != "sub/catalog.xml" {
		t.Errorf("ref %q", cat.Refs[0].URL)
	}
}

func TestCanonicalServiceType(t *testing.T) {
	for in, want := range map[string]string{
		"OpenDAP": "OPENDAP", "OPeNDAP": "OPENDAP", "dods": "OPENDAP", "DAP4": "DAP4",
		"NetcdfServer": "NetcdfSubset", "netcdfsubset": "NetcdfSubset", "http": "HTTPServer",
		"compound": "Compound", "Resolver": "Resolver", "Mystery": "Mystery", "ncss": "NetcdfSubset", "fileServer": "HTTPServer",
	} {
		if got := CanonicalServiceType(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

func TestDataSizeBytes(t *testing.T) {
	for _, tt := range []struct {
		s    DataSize
		want int64
	}{
		{DataSize{}, -1},
		{DataSize{12, "bytes"}, 12},
		{DataSize{11.75, "Kbytes"}, 11750},
		{DataSize{57.15, "Mbytes"}, 57150000},
		{DataSize{2, "Gbytes"}, 2000000000},
		{DataSize{1, "Tbytes"}, 1000000000000},
		{DataSize{1, "furlongs"}, -1},
		{DataSize{-5, "bytes"}, -1},
		{DataSize{1e300, "Tbytes"}, -1},
	} {
		if got := tt.s.Bytes(); got != tt.want {
			t.Errorf("%+v: %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	base := time.Date(2020, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want time.Time // base + duration
		ok   bool
	}{
		{"45 days", base.AddDate(0, 0, 45), true},
		{"3 hour", base.Add(3 * time.Hour), true},
		{"0 hours", base, true},
		{"5 minutes", base.Add(5 * time.Minute), true},
		{"1.5 hours", base.Add(90 * time.Minute), true},
		{"10 sec", base.Add(10 * time.Second), true},
		{"2 weeks", base.AddDate(0, 0, 14), true},
		{"1 year", base.AddDate(1, 0, 0), true},
		{"P3M", base.AddDate(0, 3, 0), true},
		{"P1DT12H", base.AddDate(0, 0, 1).Add(12 * time.Hour), true},
		{"PT30M", base.Add(30 * time.Minute), true},
		{"-P1D", base.AddDate(0, 0, -1), true},
		{"P", base, false},
		{"PT", base, false},
		{"P3X", base, false},
		{"3 parsecs", base, false},
		{"", base, false},
		{"a b c", base, false},
	} {
		d := ParseDuration(tt.in)
		if d.Valid() != tt.ok {
			t.Errorf("%q: valid %v", tt.in, d.Valid())
			continue
		}
		if got := d.AddTo(base, 1); !got.Equal(tt.want) {
			t.Errorf("%q: %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := ParseDuration("P1M").Approx(); got != time.Duration(30.436875*24*float64(time.Hour)) {
		t.Errorf("Approx %v", got)
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2014, 9, 26, 2, 56, 17, 0, time.UTC)
	for _, s := range []string{"2014-09-26T02:56:17Z", "2014-09-26T02:56:17", "2014-09-26 02:56:17", "2014-09-26 02:56:17 UTC", "2014-09-26T04:56:17+02:00", "2014-09-26T02:56:17.000Z"} {
		if got, ok := ParseTime(s); !ok || !got.Equal(want) {
			t.Errorf("%q: %v %v", s, got, ok)
		}
	}
	if got, ok := ParseTime("2017-04-01"); !ok || !got.Equal(time.Date(2017, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date: %v", got)
	}
	for _, s := range []string{"present", "2017-02-30", "yesterday", ""} {
		if _, ok := ParseTime(s); ok {
			t.Errorf("%q parsed", s)
		}
	}
}

func TestTimeCoverageRange(t *testing.T) {
	var nilTC *TimeCoverage
	if _, _, ok := nilTC.Range(time.Now()); ok {
		t.Error("nil coverage has a range")
	}
	tc := &TimeCoverage{End: parseDateType("present"), Duration: ParseDuration("45 days")}
	now := time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)
	s, e, ok := tc.Range(now)
	if !ok || !e.Equal(now) || !s.Equal(now.AddDate(0, 0, -45)) {
		t.Errorf("%v %v %v", s, e, ok)
	}
	if _, _, ok := (&TimeCoverage{Start: parseDateType("2020-01-01")}).Range(now); ok {
		t.Error("a coverage with only a start has a range")
	}
}

func TestNameTime(t *testing.T) {
	tm, ok := NameTime("GFS_Global_0p5deg_20150612_1200.grib2")
	if !ok || !tm.Equal(time.Date(2015, 6, 12, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("%v %v", tm, ok)
	}
	if _, ok := NameTime("no time here"); ok {
		t.Error("matched")
	}
	if _, ok := NameTime("x_20151332_1200"); ok {
		t.Error("month 13 accepted")
	}
	if NearestRef(nil, tm) != nil || NearestDataset(nil, tm) != nil {
		t.Error("nearest of nothing")
	}
}

func TestEscapeAndCanonical(t *testing.T) {
	if got := escapeLoose("a b%zz|%41"); got != "a%20b%25zz%7C%41" {
		t.Errorf("escapeLoose %q", got)
	}
	same := []string{
		"http://Example.COM:80/thredds/catalog/a/../b/catalog.xml#frag",
		"http://example.com/thredds/catalog/b/catalog.xml",
		"http://example.com/thredds//catalog/./b/catalog.xml",
		"HTTP://example.com/thredds/catalog/b/catalog%2Exml",
	}
	for _, s := range same[1:] {
		if canonicalURL(s) != canonicalURL(same[0]) {
			t.Errorf("%s: %s != %s", s, canonicalURL(s), canonicalURL(same[0]))
		}
	}
	if canonicalURL("http://h/a?x=1") == canonicalURL("http://h/a?x=2") {
		t.Error("queries must stay distinct (RAMADDA entry ids)")
	}
	if got := ncssEndpoint("https://h/thredds/ncss/grid/x.grb/dataset.html"); got != "https://h/thredds/ncss/grid/x.grb" {
		t.Errorf("ncssEndpoint %q", got)
	}
}

// The fast resolution path gives what url.ResolveReference gives.
func TestFastResolveMatchesRFC3986(t *testing.T) {
	bases := []string{
		"http://example.com/thredds/catalog/sub/catalog.xml",
		"https://Example.COM:8443/thredds/catalog.xml",
		"http://h",
		"http://h/",
		"http://h/a/b/",
		"http://h/a/./b/catalog.xml",
		"http://user:pw@h/a/catalog.xml",
		"http://h/a%20b/catalog.xml",
		"http://[::1]:8080/x/y.xml",
		"http://h/repository?output=thredds.catalog",
	}
	refs := []string{
		"/thredds/dodsC/x/a.nc", "sub/catalog.xml", "a.nc", "../up.xml", "./here.xml", ".hidden/x",
		"//other.host/x", "?DATASET=a&SERVICE=WMS", "#frag", "", "a b.nc", "/a%2Fb", "x:y/z", "/p/../q",
		"/thredds/ncss/grid/x.grb/dataset.html", "http://abs/x", "a+b=c,d@e~f_g-h.nc", "/~user/x", "/a/b/.",
	}
	for _, b := range bases {
		u, err := url.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		c := &Catalog{}
		c.setBase(u)
		for _, r := range refs {
			want := resolveRef(u, r)
			if got := c.resolve(r); got != want {
				t.Errorf("base %s ref %q: %q, want %q", b, r, got, want)
			}
		}
	}
}
