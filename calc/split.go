package calc

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Role says what a set of counts is: a split of one dataset (train,
// validation, test) or a dataset of its own.
type Role string

// The roles.
const (
	RoleTrain      Role = "train"
	RoleValidation Role = "validation"
	RoleTest       Role = "test"
	RoleDataset    Role = "dataset"
)

// Roles lists the roles in the order the page offers them.
var Roles = []Role{RoleTrain, RoleValidation, RoleTest, RoleDataset}

// ParseRole returns the role whose token is s.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("calc: unknown role %q (known: train, validation, test, dataset)", s)
}

// Part is one set of counts with its name and role.
type Part struct {
	Name   string
	Role   Role
	Labels []string
	Counts []float64
}

// Comparison aligns several parts on the union of their labels.
type Comparison struct {
	Labels []string    // every label, in the order first seen
	Names  []string    // the parts' names
	Table  [][]float64 // Table[i][j]: the count of label j in part i
	Shares [][]float64 // Shares[i][j]: its share of part i
	// MaxShareDiff is the largest difference between two parts in the share
	// of one class, and MaxShareLabel that class.
	MaxShareDiff  float64
	MaxShareLabel string
	// ChiSquare, DegreesOfFreedom and PValue are Pearson's chi-square test of
	// homogeneity: do the parts share one distribution of classes? A small
	// p-value says the class shares differ more than chance would explain.
	// Classes and parts with no example take no part in the test. PValue is
	// NaN when fewer than two classes or parts are left.
	ChiSquare        float64
	DegreesOfFreedom int
	PValue           float64
}

// Compare aligns parts on the union of their labels and tests whether their
// class shares are homogeneous. It fails for fewer than two parts or a part
// with no example.
func Compare(parts []Part) (Comparison, error) {
	if len(parts) < 2 {
		return Comparison{}, fmt.Errorf("calc: comparing needs two or more parts, not %d", len(parts))
	}
	var c Comparison
	index := map[string]int{}
	for _, p := range parts {
		for _, l := range p.Labels {
			if _, ok := index[l]; !ok {
				index[l] = len(c.Labels)
				c.Labels = append(c.Labels, l)
			}
		}
	}
	for _, p := range parts {
		row := make([]float64, len(c.Labels))
		total := 0.0
		for k, l := range p.Labels {
			row[index[l]] += p.Counts[k]
			total += p.Counts[k]
		}
		if total == 0 {
			return Comparison{}, fmt.Errorf("calc: %s has no example", p.Name)
		}
		shares := make([]float64, len(row))
		for j, n := range row {
			shares[j] = n / total
		}
		c.Names = append(c.Names, p.Name)
		c.Table = append(c.Table, row)
		c.Shares = append(c.Shares, shares)
	}

	for j, l := range c.Labels {
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range c.Shares {
			lo, hi = min(lo, c.Shares[i][j]), max(hi, c.Shares[i][j])
		}
		if hi-lo > c.MaxShareDiff || c.MaxShareLabel == "" {
			c.MaxShareDiff, c.MaxShareLabel = hi-lo, l
		}
	}
	c.ChiSquare, c.DegreesOfFreedom, c.PValue = chiSquareHomogeneity(c.Table)
	return c, nil
}

// chiSquareHomogeneity returns Pearson's chi-square statistic of a table of
// counts, its degrees of freedom (r − 1)(c − 1) over the rows and columns
// that are not empty, and the p-value, P(χ² ≥ statistic).
func chiSquareHomogeneity(table [][]float64) (stat float64, df int, p float64) {
	rowSums := make([]float64, len(table))
	colSums := make([]float64, len(table[0]))
	total := 0.0
	for i, row := range table {
		for j, n := range row {
			rowSums[i] += n
			colSums[j] += n
			total += n
		}
	}
	rows, cols := 0, 0
	for _, s := range rowSums {
		if s > 0 {
			rows++
		}
	}
	for _, s := range colSums {
		if s > 0 {
			cols++
		}
	}
	for i, row := range table {
		for j, n := range row {
			expected := rowSums[i] * colSums[j] / total
			if expected > 0 {
				stat += (n - expected) * (n - expected) / expected
			}
		}
	}
	df = (rows - 1) * (cols - 1)
	if df < 1 {
		return stat, df, math.NaN()
	}
	return stat, df, mathext.GammaIncRegComp(float64(df)/2, stat/2)
}

// TrainingCounts returns the counts the weights should come from: the
// training split when there is one (several are added up), else all parts
// added up, with a warning that says why that is wrong for splits.
func TrainingCounts(parts []Part) (labels []string, counts []float64, warning string) {
	var train, all []Part
	isSplits := false
	for _, p := range parts {
		all = append(all, p)
		if p.Role == RoleTrain {
			train = append(train, p)
		}
		if p.Role == RoleValidation || p.Role == RoleTest {
			isSplits = true
		}
	}
	from := train
	if len(train) == 0 {
		from = all
		if isSplits {
			warning = "No training split was given: these weights come from the validation " +
				"or test data. Compute them from the training split, which is the data " +
				"the loss sees; counting evaluation data in leaks it into training."
		}
	}
	labels, counts = Pool(from)
	return labels, counts, warning
}

// Pool adds up the counts of parts by label, labels in the order first seen.
func Pool(parts []Part) (labels []string, counts []float64) {
	index := map[string]int{}
	for _, p := range parts {
		for k, l := range p.Labels {
			i, ok := index[l]
			if !ok {
				i = len(labels)
				index[l] = i
				labels = append(labels, l)
				counts = append(counts, 0)
			}
			counts[i] += p.Counts[k]
		}
	}
	return labels, counts
}
