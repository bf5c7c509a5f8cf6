// Package chart holds the small plotting helpers the examples share, on top
// of gonum.org/v1/plot: saving a plot as a PNG of an exact pixel size, and
// lon/lat maps with a graticule (see Map).
//
// It lives under examples/internal because it is example code, not part of
// the library: the library packages never import a plotting package. Copy
// it along with an example if you start from one.
package chart

import (
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// DPI is the resolution of the PNG files: with it, a size in pixels maps to
// an exact size in vg lengths.
const DPI = 96

// Colours used across the examples (the "tab10" palette of matplotlib, which
// readers of oceanographic plots are used to).
var (
	Blue   = color.RGBA{0x1f, 0x77, 0xb4, 0xff}
	Orange = color.RGBA{0xff, 0x7f, 0x0e, 0xff}
	Green  = color.RGBA{0x2c, 0xa0, 0x2c, 0xff}
	Red    = color.RGBA{0xd6, 0x27, 0x28, 0xff}
	Purple = color.RGBA{0x94, 0x67, 0xbd, 0xff}
	Brown  = color.RGBA{0x8c, 0x56, 0x4b, 0xff}
	Grey   = color.RGBA{0x7f, 0x7f, 0x7f, 0xff}
)

// Cycle returns the i-th colour of a fixed cycle, for series without a
// meaning attached to their colour (one per float, say).
func Cycle(i int) color.Color {
	cs := []color.Color{Blue, Orange, Green, Red, Purple, Brown, Grey}
	return cs[((i%len(cs))+len(cs))%len(cs)]
}

// px converts pixels to a vg length at DPI.
func px(n int) vg.Length { return vg.Length(n) * vg.Inch / DPI }

// SavePNG draws a w×h pixel PNG into path with fn, creating the folder.
func SavePNG(path string, w, h int, fn func(dc draw.Canvas)) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("chart: image size %dx%d", w, h)
	}
	c := vgimg.NewWith(vgimg.UseWH(px(w), px(h)), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	fn(draw.New(c))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("chart: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("chart: writing %s: %w", path, err)
	}
	return nil
}

// Save writes one plot as a w×h pixel PNG.
func Save(p *plot.Plot, path string, w, h int) error {
	return SavePNG(path, w, h, p.Draw)
}

// SaveRow writes plots side by side, in equal columns, as one w×h PNG.
func SaveRow(path string, w, h int, plots ...*plot.Plot) error {
	if len(plots) == 0 {
		return errors.New("chart: no plot to save")
	}
	return SavePNG(path, w, h, func(dc draw.Canvas) {
		tiles := draw.Tiles{Rows: 1, Cols: len(plots), PadX: vg.Millimeter * 4, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
		cells := plot.Align([][]*plot.Plot{plots}, tiles, dc)
		for i, p := range plots {
			p.Draw(cells[0][i])
		}
	})
}
