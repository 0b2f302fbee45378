package calc

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// WarningKind names a kind of warning.
type WarningKind string

// The kinds of warnings.
const (
	// WarnZeroCount: a class has no examples, so the schemes that divide by
	// the count give it no weight.
	WarnZeroCount WarningKind = "zero-count"
	// WarnExtreme: weights alone will not rescue a class with a handful of
	// examples.
	WarnExtreme WarningKind = "extreme-imbalance"
	// WarnMajorityReward: the weights grow with the class count, so they favour
	// the majority: the opposite of what class weights are for.
	WarnMajorityReward WarningKind = "majority-reward"
)

// Warning is something about the counts or weights that a user should know,
// in words a student understands.
type Warning struct {
	Kind    WarningKind
	Message string
	Classes []int    // the classes it concerns
	Schemes []string // the IDs of the schemes it concerns
}

// Warnings returns the warnings about the counts themselves: empty classes
// and extreme imbalance.
func Warnings(c Counts) []Warning {
	var ws []Warning
	var empty, tiny []int
	for i, n := range c.counts {
		switch {
		case n == 0:
			empty = append(empty, i)
		case n < 10:
			tiny = append(tiny, i)
		}
	}

	if len(empty) > 0 {
		var undefinedIn []string
		for _, s := range Schemes {
			if s.DividesByCount {
				undefinedIn = append(undefinedIn, s.ID)
			}
		}
		ws = append(ws, Warning{
			Kind: WarnZeroCount,
			Message: fmt.Sprintf("%s no examples. Weights that divide by the count are "+
				"undefined for it (%s); the other classes still get theirs. A class "+
				"with no examples adds nothing to the loss, so its weight does not matter "+
				"until it has some.",
				classPhrase(c, empty, "has", "have"), strings.Join(undefinedIn, ", ")),
			Classes: empty,
			Schemes: undefinedIn,
		})
	}

	d := Diagnose(c)
	if d.ImbalanceRatio > 1000 || len(tiny) > 0 {
		why := fmt.Sprintf("the largest class outnumbers the smallest %s to 1",
			FormatWeight(d.ImbalanceRatio))
		if len(tiny) > 0 {
			why = classPhrase(c, tiny, "has", "have") + " fewer than 10 examples"
		}
		ws = append(ws, Warning{
			Kind: WarnExtreme,
			Message: "The imbalance is extreme: " + why + ". Weights make each rare " +
				"example count more, but they cannot add information that is not there: " +
				"a model sees the same few examples, only louder. Collect more examples " +
				"of the rare classes if you can, and judge the model on a metric that " +
				"looks at each class (per-class recall, average precision).",
			Classes: tiny,
		})
	}
	return ws
}

// RewardsMajority reports whether the weights w favour the majority: the most
// common class weighs more than the rarest one. That is the mistake of giving
// each class its own frequency as its weight. Undefined (NaN) weights are
// ignored; counts that are all equal never reward the majority.
func RewardsMajority(c Counts, w []float64) bool {
	most, least := -1, -1
	for i, n := range c.counts {
		if i >= len(w) || math.IsNaN(w[i]) {
			continue
		}
		if most < 0 || n > c.counts[most] {
			most = i
		}
		if least < 0 || n < c.counts[least] {
			least = i
		}
	}
	if most < 0 || c.counts[most] == c.counts[least] {
		return false
	}
	return w[most] > w[least]
}

// MajorityRewardWarning returns the warning for weights that favour the
// majority, or nil when w does not.
func MajorityRewardWarning(c Counts, w []float64) *Warning {
	if !RewardsMajority(c, w) {
		return nil
	}
	return &Warning{
		Kind: WarnMajorityReward,
		Message: "These weights grow with the class count: the common classes weigh more " +
			"than the rare ones, so the weighting makes the imbalance worse. Class weights " +
			"should shrink as the count grows, for example N / (K · n_c).",
	}
}

// classPhrase names classes in a sentence: `Class "b" has`, `Classes "b" and
// "c" have`.
func classPhrase(c Counts, classes []int, one, many string) string {
	const shown = 5
	var quoted []string
	for _, k := range classes[:min(len(classes), shown)] {
		quoted = append(quoted, strconv.Quote(c.labels[k]))
	}
	if len(classes) == 1 {
		return "Class " + quoted[0] + " " + one
	}
	if len(classes) > shown {
		quoted = append(quoted, fmt.Sprintf("%d more", len(classes)-shown))
	}
	last := len(quoted) - 1
	return "Classes " + strings.Join(quoted[:last], ", ") + " and " + quoted[last] + " " + many
}
