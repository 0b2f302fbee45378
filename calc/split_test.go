package calc

import (
	"math"
	"reflect"
	"testing"
)

func TestCompareStratified(t *testing.T) {
	parts := []Part{
		{Name: "train", Role: RoleTrain, Labels: []string{"neg", "pos"}, Counts: []float64{800, 200}},
		{Name: "test", Role: RoleTest, Labels: []string{"pos", "neg"}, Counts: []float64{50, 200}},
	}
	c, err := Compare(parts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Labels, []string{"neg", "pos"}) ||
		!reflect.DeepEqual(c.Table, [][]float64{{800, 200}, {200, 50}}) {
		t.Errorf("got %q %v", c.Labels, c.Table)
	}
	// Identical shares: the statistic is 0 and the p-value 1.
	if c.ChiSquare != 0 || c.DegreesOfFreedom != 1 || !closeTo(c.PValue, 1, 1e-12) ||
		c.MaxShareDiff != 0 {
		t.Errorf("got χ² %v, df %d, p %v, max diff %v", c.ChiSquare, c.DegreesOfFreedom,
			c.PValue, c.MaxShareDiff)
	}
}

func TestCompareMatchesScipy(t *testing.T) {
	// scipy.stats.chi2_contingency([[900, 90, 10], [80, 15, 5]], correction=False)
	// gives statistic 15.115646258503405, p-value 0.0005220103570159708 and
	// dof 2 (scipy 1.10.1, Debian python3-scipy).
	parts := []Part{
		{Name: "train", Labels: []string{"a", "b", "c"}, Counts: []float64{900, 90, 10}},
		{Name: "valid", Labels: []string{"a", "b", "c"}, Counts: []float64{80, 15, 5}},
	}
	c, err := Compare(parts)
	if err != nil {
		t.Fatal(err)
	}
	if !closeTo(c.ChiSquare, 15.115646258503405, 1e-12) || c.DegreesOfFreedom != 2 ||
		!closeTo(c.PValue, 0.0005220103570159708, 1e-9) {
		t.Errorf("got χ² %v, df %d, p %v\nwant 15.115646258503405, 2, 0.0005220103570159708",
			c.ChiSquare, c.DegreesOfFreedom, c.PValue)
	}
	// The largest difference of shares: a is 90 % of train, 80 % of valid.
	if c.MaxShareLabel != "a" || !closeTo(c.MaxShareDiff, 0.1, 1e-12) {
		t.Errorf("got max diff %v for %q\nwant 0.1 for a", c.MaxShareDiff, c.MaxShareLabel)
	}
}

func TestCompareMissingClass(t *testing.T) {
	parts := []Part{
		{Name: "train", Labels: []string{"a", "b"}, Counts: []float64{10, 10}},
		{Name: "test", Labels: []string{"a"}, Counts: []float64{10}},
	}
	c, err := Compare(parts)
	if err != nil {
		t.Fatal(err)
	}
	if c.Table[1][1] != 0 || c.Shares[1][1] != 0 || c.MaxShareDiff != 0.5 {
		t.Errorf("got table %v, shares %v, diff %v", c.Table, c.Shares, c.MaxShareDiff)
	}
	if _, err := Compare(parts[:1]); err == nil {
		t.Error("one part was compared")
	}
	one := []Part{parts[0], {Name: "x", Labels: []string{"a"}, Counts: []float64{0}}}
	if _, err := Compare(one); err == nil {
		t.Error("a part with no example was compared")
	}
	same := []Part{{Name: "a", Labels: []string{"a"}, Counts: []float64{3}},
		{Name: "b", Labels: []string{"a"}, Counts: []float64{4}}}
	if c, _ := Compare(same); !math.IsNaN(c.PValue) {
		t.Errorf("one class: got p-value %v\nwant NaN, no test", c.PValue)
	}
}

func TestTrainingCounts(t *testing.T) {
	train := Part{Name: "train", Role: RoleTrain, Labels: []string{"a", "b"}, Counts: []float64{90, 10}}
	valid := Part{Name: "valid", Role: RoleValidation, Labels: []string{"b", "a"}, Counts: []float64{5, 45}}
	labels, counts, warning := TrainingCounts([]Part{valid, train})
	if !reflect.DeepEqual(labels, []string{"a", "b"}) || !reflect.DeepEqual(counts, []float64{90, 10}) ||
		warning != "" {
		t.Errorf("got %q %v %q\nwant the training split alone", labels, counts, warning)
	}
	labels, counts, warning = TrainingCounts([]Part{valid})
	if !reflect.DeepEqual(counts, []float64{5, 45}) || warning == "" {
		t.Errorf("validation only: got %q %v %q\nwant its counts and a warning", labels, counts, warning)
	}
	d1 := Part{Name: "d1", Role: RoleDataset, Labels: []string{"a"}, Counts: []float64{1}}
	d2 := Part{Name: "d2", Role: RoleDataset, Labels: []string{"a", "b"}, Counts: []float64{2, 3}}
	labels, counts, warning = TrainingCounts([]Part{d1, d2})
	if !reflect.DeepEqual(counts, []float64{3, 3}) || warning != "" {
		t.Errorf("datasets: got %q %v %q\nwant them pooled, no warning", labels, counts, warning)
	}
}
