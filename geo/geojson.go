package geo

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// FeatureCollection returns a GeoJSON FeatureCollection with one Point feature per item,
// in order, for drawing positions on a map. Longitudes are normalised to [-180, 180].
// props, which may be nil, gives each feature's properties.
//
// JSON has no NaN: an item whose position has a NaN or infinite coordinate gets a null
// geometry (allowed by RFC 7946 for unlocated features), and NaN or infinite float
// property values become null, so the collection always marshals. The result
// round-trips through orb/geojson's UnmarshalFeatureCollection.
func FeatureCollection[T orb.Pointer](items []T, props func(T) geojson.Properties) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	fc.Features = make([]*geojson.Feature, 0, len(items))
	for _, it := range items {
		var pr geojson.Properties
		if props != nil {
			pr = props(it)
		}
		fc.Append(newFeature(pointGeometry(it.Point()), pr))
	}
	return fc
}

// pointGeometry returns p normalised, or nil when it has a non-finite coordinate.
func pointGeometry(p orb.Point) orb.Geometry {
	x := normLon(p[0])
	if math.IsNaN(x) || !finite(p[1]) {
		return nil
	}
	return orb.Point{x, p[1]}
}

func newFeature(g orb.Geometry, props geojson.Properties) *geojson.Feature {
	f := geojson.NewFeature(g)
	if props != nil {
		f.Properties = cleanProperties(props)
	}
	return f
}

// cleanProperties replaces NaN and infinite float values by nil (JSON null), copying the
// map only when it has such values.
func cleanProperties(p geojson.Properties) geojson.Properties {
	bad := func(v any) bool {
		switch f := v.(type) {
		case float64:
			return !finite(f)
		case float32:
			return !finite(float64(f))
		}
		return false
	}
	dirty := false
	for _, v := range p {
		if bad(v) {
			dirty = true
			break
		}
	}
	if !dirty {
		return p
	}
	out := make(geojson.Properties, len(p))
	for k, v := range p {
		if bad(v) {
			v = nil
		}
		out[k] = v
	}
	return out
}

// FeatureWriter streams a GeoJSON FeatureCollection to an io.Writer one feature at a
// time, so that millions of positions can be written without holding them in memory.
// Call Close to finish the document; the output is then a FeatureCollection that
// orb/geojson (and any GeoJSON reader) parses.
//
// A FeatureWriter is not safe for concurrent use.
type FeatureWriter struct {
	w      *bufio.Writer
	n      int
	err    error
	closed bool
}

// NewFeatureWriter returns a FeatureWriter writing to w. Output is buffered; Close
// flushes it (it does not close w).
func NewFeatureWriter(w io.Writer) *FeatureWriter {
	return &FeatureWriter{w: bufio.NewWriterSize(w, 1<<16)}
}

// WritePoint writes a Point feature at p with the given properties (nil for none),
// following the rules of [FeatureCollection]: a non-finite position gives a null
// geometry and non-finite float properties become null.
func (fw *FeatureWriter) WritePoint(p orb.Point, props geojson.Properties) error {
	return fw.WriteFeature(newFeature(pointGeometry(p), props))
}

// Write writes a feature with geometry g (any orb geometry; nil for a null geometry) and
// the given properties. Non-finite float properties become null; a geometry with a
// non-finite coordinate is an error, since JSON cannot hold it.
func (fw *FeatureWriter) Write(g orb.Geometry, props geojson.Properties) error {
	return fw.WriteFeature(newFeature(g, props))
}

// WriteFeature writes f as it is.
func (fw *FeatureWriter) WriteFeature(f *geojson.Feature) error {
	if fw.err != nil {
		return fw.err
	}
	if fw.closed {
		return fmt.Errorf("geo: write feature: %w", ErrClosed)
	}
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("geo: write feature %d: %w", fw.n, err)
	}
	if fw.n == 0 {
		_, fw.err = fw.w.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	} else {
		_, fw.err = fw.w.WriteString(",\n")
	}
	if fw.err == nil {
		_, fw.err = fw.w.Write(data)
	}
	if fw.err != nil {
		fw.err = fmt.Errorf("geo: write feature %d: %w", fw.n, fw.err)
		return fw.err
	}
	fw.n++
	return nil
}

// Count returns the number of features written so far.
func (fw *FeatureWriter) Count() int { return fw.n }

// Close ends the FeatureCollection (an empty one if nothing was written) and flushes
// the buffer. Writes after Close fail with [ErrClosed]; a second Close does nothing.
func (fw *FeatureWriter) Close() error {
	if fw.closed {
		return fw.err
	}
	fw.closed = true
	if fw.err != nil {
		return fw.err
	}
	tail := "\n]}\n"
	if fw.n == 0 {
		tail = `{"type":"FeatureCollection","features":[]}` + "\n"
	}
	if _, err := fw.w.WriteString(tail); err != nil {
		fw.err = fmt.Errorf("geo: close feature writer: %w", err)
		return fw.err
	}
	if err := fw.w.Flush(); err != nil {
		fw.err = fmt.Errorf("geo: close feature writer: %w", err)
	}
	return fw.err
}
