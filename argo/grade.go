package argo

import (
	"fmt"
	"slices"
)

// GradeOf computes a profile grade from a parameter's flags by the rule of
// reference table 2a: N is the percentage of levels whose flag is good
// (1, 2, 5, 8) among the levels whose flag is good or bad (3, 4); flags 0,
// 9, blank and unknown bytes are left out. A: N = 100%, B: 75-100%,
// C: 50-75%, D: 25-50%, E: 0-25% (exclusive), F: N = 0%; GradeNone when no
// level counts.
func GradeOf(qc []QC) Grade {
	good, counted := 0, 0
	for _, q := range qc {
		switch {
		case q.GoodOrChanged():
			good++
			counted++
		case q == QCProbBad || q == QCBad:
			counted++
		}
	}
	if counted == 0 {
		return GradeNone
	}
	// Compare good/counted with the thresholds in integers: no rounding.
	switch {
	case good == counted:
		return GradeA
	case 4*good >= 3*counted:
		return GradeB
	case 2*good >= counted:
		return GradeC
	case 4*good >= counted:
		return GradeD
	case good > 0:
		return GradeE
	}
	return GradeF
}

// GradeFlags returns the flags a grade is computed from: the adjusted flags
// when the file has any adjusted flag for the parameter, the raw flags
// otherwise (table 2a).
func (q *Param) GradeFlags() []QC {
	for _, f := range q.AdjustedQC {
		if f != QCNone {
			return q.AdjustedQC
		}
	}
	return q.RawQC
}

// GradeMismatch is a stored PROFILE_<PARAM>_QC that differs from the grade
// computed from the parameter's flags.
type GradeMismatch struct {
	Param    string
	Stored   Grade
	Computed Grade
}

func (m GradeMismatch) String() string {
	return fmt.Sprintf("PROFILE_%s_QC is %q, the flags give %q", m.Param, m.Stored, m.Computed)
}

// CheckGrades recomputes the grade of every parameter that has a stored
// PROFILE_<PARAM>_QC and returns those that differ, in parameter order.
func (p *Profile) CheckGrades() []GradeMismatch {
	var out []GradeMismatch
	names := make([]string, 0, len(p.Grades))
	for name := range p.Grades {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		q := p.Param(name)
		if q == nil {
			continue
		}
		stored := p.Grades[name]
		if computed := GradeOf(q.GradeFlags()); computed != stored {
			out = append(out, GradeMismatch{Param: name, Stored: stored, Computed: computed})
		}
	}
	return out
}
