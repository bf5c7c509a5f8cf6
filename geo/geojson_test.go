package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// sample is a test item with a position, like a fish sample or a buoy fix.
type sample struct {
	Lon, Lat float64
	Station  string
	Temp     float64
}

func (s sample) Point() orb.Point { return orb.Point{s.Lon, s.Lat} }

var samples = []sample{
	{-4.49, 48.39, "Brest", 12.5},
	{190, -10, "across 180", 27.25},
	{-5, 47.5, "missing temperature", nan},
	{nan, 45, "no position", 11},
	{0, 90, "pole", -1.8},
}

func sampleProps(s sample) geojson.Properties {
	return geojson.Properties{"station": s.Station, "temp": s.Temp}
}

func TestFeatureCollectionRoundTrip(t *testing.T) {
	fc := FeatureCollection(samples, sampleProps)
	data, err := json.Marshal(fc)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	back, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, data)
	}
	checkSampleFeatures(t, back.Features)
}

func checkSampleFeatures(t *testing.T, fs []*geojson.Feature) {
	t.Helper()
	if len(fs) != len(samples) {
		t.Fatalf("%d features, want %d", len(fs), len(samples))
	}
	for i, s := range samples {
		f := fs[i]
		if f.Properties["station"] != s.Station {
			t.Errorf("feature %d station = %v, want %q", i, f.Properties["station"], s.Station)
		}
		if math.IsNaN(s.Temp) {
			if v, ok := f.Properties["temp"]; !ok || v != nil {
				t.Errorf("feature %d NaN temp = %v (present %v), want null", i, v, ok)
			}
		} else if f.Properties["temp"] != s.Temp {
			t.Errorf("feature %d temp = %v, want %v", i, f.Properties["temp"], s.Temp)
		}
		if math.IsNaN(s.Lon) {
			if f.Geometry != nil {
				t.Errorf("feature %d: geometry %v, want null", i, f.Geometry)
			}
			continue
		}
		want := orb.Point{normLon(s.Lon), s.Lat}
		if p, ok := f.Geometry.(orb.Point); !ok || p != want {
			t.Errorf("feature %d geometry = %#v, want %v", i, f.Geometry, want)
		}
	}
}

func TestFeatureWriter(t *testing.T) {
	var buf bytes.Buffer
	fw := NewFeatureWriter(&buf)
	for _, s := range samples {
		if err := fw.WritePoint(s.Point(), sampleProps(s)); err != nil {
			t.Fatal(err)
		}
	}
	if fw.Count() != len(samples) {
		t.Errorf("Count = %d", fw.Count())
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := fw.WritePoint(orb.Point{0, 0}, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: %v, want ErrClosed", err)
	}
	back, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, buf.Bytes())
	}
	checkSampleFeatures(t, back.Features)

	// Same document as FeatureCollection, feature by feature.
	want, _ := json.Marshal(FeatureCollection(samples, sampleProps))
	var a, b map[string]any
	if err := json.Unmarshal(want, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	aj, _ := json.Marshal(a)
	bj, _ := json.Marshal(b)
	if !bytes.Equal(aj, bj) {
		t.Errorf("streamed document differs:\n%s\n%s", aj, bj)
	}
}

func TestFeatureWriterEmptyAndGeometries(t *testing.T) {
	var buf bytes.Buffer
	fw := NewFeatureWriter(&buf)
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil || len(fc.Features) != 0 {
		t.Fatalf("empty writer gave %q (%v)", buf.String(), err)
	}

	buf.Reset()
	fw = NewFeatureWriter(&buf)
	poly := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	if err := fw.Write(poly, geojson.Properties{"name": "triangle"}); err != nil {
		t.Fatal(err)
	}
	if err := fw.Write(nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := fw.Write(orb.LineString{{0, 0}, {math.Inf(1), 0}}, nil); err == nil {
		t.Error("a geometry with an infinite coordinate should be an error")
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	fc, err = geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, buf.String())
	}
	if len(fc.Features) != 2 || !orb.Equal(fc.Features[0].Geometry, poly) || fc.Features[1].Geometry != nil {
		t.Errorf("features = %v", fc.Features)
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestFeatureWriterError(t *testing.T) {
	fw := NewFeatureWriter(&failWriter{n: 100})
	var err error
	for i := 0; i < 10000 && err == nil; i++ {
		err = fw.WritePoint(orb.Point{1, 2}, geojson.Properties{"i": i})
	}
	if err == nil {
		err = fw.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.HasPrefix(err.Error(), "geo: ") {
		t.Errorf("error = %v, want a geo: error wrapping disk full", err)
	}
	if err2 := fw.Close(); err2 == nil {
		t.Error("Close after a failed write should report the error")
	}
}
