package chart

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// Ticks returns a ticker that puts about n labelled ticks at round values
// (1, 2, 2.5 or 5 times a power of ten) and writes each label with the
// decimals the step needs, where gonum's default ticker may print 35.2
// and 35.4 both as "35".
func Ticks(n int) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		if !(hi > lo) || math.IsInf(hi-lo, 0) || n < 1 {
			return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 6, 64)}}
		}
		step, prec := niceStep((hi - lo) / float64(n))
		var ts []plot.Tick
		for i := math.Ceil(lo/step - 1e-9); i*step <= hi+step*1e-9; i++ {
			v := i * step
			if v == 0 {
				v = 0 // not -0
			}
			ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', prec, 64)})
			// Four minor ticks between major ones.
			for j := 1; j < 5; j++ {
				if m := v + step*float64(j)/5; m <= hi {
					ts = append(ts, plot.Tick{Value: m})
				}
			}
		}
		return ts
	})
}

// niceStep rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten and
// returns it with the number of decimals its labels need.
func niceStep(raw float64) (step float64, prec int) {
	exp := math.Floor(math.Log10(raw))
	base := math.Pow(10, exp)
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*base >= raw*(1-1e-9) {
			step = m * base
			prec = max(0, int(-exp))
			if m == 2.5 {
				prec++
			}
			if m == 10 {
				prec = max(0, prec-1)
			}
			return step, prec
		}
	}
	return raw, 3
}
