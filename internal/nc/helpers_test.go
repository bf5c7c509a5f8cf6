package nc

import (
	"fmt"
	"math"
	"reflect"
)

// fmtValues renders values for comparison (NaN prints as NaN).
func fmtValues(x any) string { return fmt.Sprintf("%T%v", x, x) }

// sameValues compares two typed slices or attribute values exactly,
// floats bit for bit (so NaN equals NaN with the same payload).
func sameValues(a, b any) bool {
	switch x := a.(type) {
	case []float32:
		y, ok := b.([]float32)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if math.Float32bits(x[i]) != math.Float32bits(y[i]) {
				return false
			}
		}
		return true
	case []float64:
		y, ok := b.([]float64)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}
