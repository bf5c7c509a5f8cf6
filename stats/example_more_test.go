package stats_test

import (
	"fmt"

	"github.com/insitu-go/insitu/stats"
)

// A Corr carries the coefficient with its test and interval; String
// formats all of it on one line.
func ExampleCorr() {
	c, err := stats.Kendall(temperature, length)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	fmt.Println(c.Method, c.PValue, c.N)
	fmt.Println("significant at 5%:", c.P < 0.05, "- interval excludes 0:", c.Hi < 0 || c.Lo > 0)
	// Output:
	// kendall r=-0.8667 p=0.0001152 n=10 [-0.9516, -0.6587]
	// kendall exact 10
	// significant at 5%: true - interval excludes 0: true
}
