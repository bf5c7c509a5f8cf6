package argo

import (
	"fmt"
	"time"
)

// Mode is an Argo data mode: 'R' real time, 'A' real time with adjusted
// values, 'D' delayed mode. The zero Mode means unknown (a blank in the file).
type Mode byte

// Data modes.
const (
	ModeUnknown  Mode = 0
	RealTime     Mode = 'R'
	Adjusted     Mode = 'A'
	Delayed      Mode = 'D'
	modeNotFound Mode = 0xFF // internal: no mode in the file for a parameter
)

// ParseMode converts a data-mode byte; blanks, NULs and unknown bytes give ModeUnknown.
func ParseMode(b byte) Mode {
	switch b {
	case 'R', 'A', 'D':
		return Mode(b)
	case 'r', 'a', 'd':
		return Mode(b - 'a' + 'A')
	}
	return ModeUnknown
}

// String returns "R", "A", "D", or "" for unknown.
func (m Mode) String() string {
	switch m {
	case RealTime, Adjusted, Delayed:
		return string(rune(m))
	}
	return ""
}

// UsesAdjusted reports whether the mode selects the adjusted values (A and D).
func (m Mode) UsesAdjusted() bool { return m == Adjusted || m == Delayed }

// rank orders modes for "the highest mode" (D > A > R > unknown).
func (m Mode) rank() int {
	switch m {
	case Delayed:
		return 3
	case Adjusted:
		return 2
	case RealTime:
		return 1
	}
	return 0
}

// QC is an Argo quality-control flag as written in the files: '0' to '9',
// or ' ' for no flag (a NUL in the file is read as ' ').
type QC byte

// Quality flags (Argo reference table 2).
const (
	QCNone      QC = ' ' // no flag (fill)
	QCNoQC      QC = '0' // no QC performed
	QCGood      QC = '1' // good data
	QCProbGood  QC = '2' // probably good data
	QCProbBad   QC = '3' // probably bad data that are potentially adjustable
	QCBad       QC = '4' // bad data
	QCChanged   QC = '5' // value changed
	QCEstimated QC = '8' // estimated value (interpolated, extrapolated)
	QCMissing   QC = '9' // missing value
)

// ParseQC converts a flag byte; NUL becomes QCNone, other bytes are kept.
func ParseQC(b byte) QC {
	if b == 0 {
		return QCNone
	}
	return QC(b)
}

// String returns the flag as a one-character string ("1"), or "" for QCNone.
func (q QC) String() string {
	if q == QCNone || q == 0 {
		return ""
	}
	return string(rune(q))
}

// Value returns the flag as a number 0-9, or -1 for no flag or an unknown byte.
func (q QC) Value() int {
	if q >= '0' && q <= '9' {
		return int(q - '0')
	}
	return -1
}

// Good reports whether the flag is 1 (good) or 2 (probably good): the
// flags argopy's standard user mode keeps.
func (q QC) Good() bool { return q == QCGood || q == QCProbGood }

// GoodOrChanged reports whether the flag is 1, 2, 5 or 8: good, probably
// good, changed or estimated. These are the "good" flags of the profile
// grade rule (reference table 2a) and of argopy's BGC standard mode.
func (q QC) GoodOrChanged() bool {
	return q == QCGood || q == QCProbGood || q == QCChanged || q == QCEstimated
}

// In reports whether the flag is one of the given flags.
func (q QC) In(flags ...QC) bool {
	for _, f := range flags {
		if q == f {
			return true
		}
	}
	return false
}

// Grade is a profile quality grade PROFILE_<PARAM>_QC: 'A' (all levels
// good) to 'F' (none good), or ' ' for none. Unknown bytes found in files
// (the deprecated 'N', a stray '1') are kept as they are.
type Grade byte

// Profile grades (reference table 2a).
const (
	GradeNone Grade = ' '
	GradeA    Grade = 'A' // N = 100%
	GradeB    Grade = 'B' // 75% <= N < 100%
	GradeC    Grade = 'C' // 50% <= N < 75%
	GradeD    Grade = 'D' // 25% <= N < 50%
	GradeE    Grade = 'E' // 0% < N < 25%
	GradeF    Grade = 'F' // N = 0%
)

// String returns the grade as a one-character string, or "" for none.
func (g Grade) String() string {
	if g == GradeNone || g == 0 {
		return ""
	}
	return string(rune(g))
}

// Direction is the direction of a profile: 'A' ascending or 'D' descending.
// The zero Direction means unknown.
type Direction byte

// Profile directions.
const (
	Ascending  Direction = 'A'
	Descending Direction = 'D'
)

// String returns "A", "D", or "" for unknown.
func (d Direction) String() string {
	switch d {
	case Ascending, Descending:
		return string(rune(d))
	}
	return ""
}

func parseDirection(b byte) Direction {
	switch b {
	case 'A', 'D':
		return Direction(b)
	}
	return 0
}

// parseDate parses an Argo YYYYMMDDHHMISS date; blank or invalid dates are the zero time.
func parseDate(s string) time.Time {
	if len(s) != 14 {
		return time.Time{}
	}
	t, err := time.Parse("20060102150405", s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Kind is the kind of an Argo file.
type Kind int

// File kinds.
const (
	KindUnknown    Kind = iota
	KindCore            // core profile file (R/D), single- or multi-cycle (_prof.nc)
	KindBio             // B (BGC) profile file (BR/BD)
	KindSynthetic       // synthetic profile file (SR/SD, _Sprof.nc)
	KindMerged          // deprecated merged profile file (MR/MD)
	KindMeta            // _meta.nc
	KindTrajectory      // _Rtraj.nc, _Dtraj.nc, _BRtraj.nc, _BDtraj.nc
	KindTech            // _tech.nc
)

var kindNames = [...]string{"unknown", "core profile", "B profile", "synthetic profile", "merged profile", "meta-data", "trajectory", "technical"}

// String returns a short name of the kind.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// IsProfile reports whether files of this kind hold profiles.
func (k Kind) IsProfile() bool {
	return k == KindCore || k == KindBio || k == KindSynthetic || k == KindMerged
}
