package calc

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Target is a framework or file format that weights are exported to. Its
// string is the stable token of links and tests.
type Target string

// The export targets.
const (
	TargetPyTorch  Target = "pytorch"
	TargetKeras    Target = "keras"
	TargetSklearn  Target = "sklearn"
	TargetXGBoost  Target = "xgboost"
	TargetLightGBM Target = "lightgbm"
	TargetCatBoost Target = "catboost"
	TargetJSON     Target = "json"
	TargetCSV      Target = "csv"
)

// Targets lists the targets in the order the page shows them.
var Targets = []Target{TargetPyTorch, TargetKeras, TargetSklearn, TargetXGBoost,
	TargetLightGBM, TargetCatBoost, TargetJSON, TargetCSV}

// Name is how the page names the target.
func (t Target) Name() string {
	switch t {
	case TargetPyTorch:
		return "PyTorch"
	case TargetKeras:
		return "Keras"
	case TargetSklearn:
		return "scikit-learn"
	case TargetXGBoost:
		return "XGBoost"
	case TargetLightGBM:
		return "LightGBM"
	case TargetCatBoost:
		return "CatBoost"
	case TargetJSON:
		return "JSON"
	}
	return "CSV"
}

// ParseTarget returns the target whose token is s.
func ParseTarget(s string) (Target, error) {
	for _, t := range Targets {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("calc: unknown export target %q", s)
}

// Export is what a snippet is made from: the classes, one scheme's weights
// in one normalisation, and for two classes the positive class.
type Export struct {
	Counts   Counts
	Result   Result
	Positive int // index of the positive class when Counts has two classes
}

// ScaleNote says what the scale of the weights does in the target, in one
// sentence.
func (t Target) ScaleNote() string {
	switch t {
	case TargetPyTorch:
		return "CrossEntropyLoss with its default mean reduction divides by the sum of the " +
			"weights of the batch's targets, so only the ratios of the weights matter there; " +
			"BCEWithLogitsLoss's pos_weight multiplies the positive term, so its value matters."
	case TargetKeras:
		return "Keras multiplies each example's loss by its class weight and averages over " +
			"examples, not weights: scaling all weights up scales the gradients, like a larger " +
			"learning rate."
	case TargetSklearn:
		return "scikit-learn multiplies each example's loss by its class weight, which shifts " +
			"the balance against regularisation: scaling all weights up acts like a larger C."
	case TargetXGBoost, TargetLightGBM, TargetCatBoost:
		return "Boosting multiplies each example's gradient and hessian by its weight: the scale " +
			"interacts with min_child_weight (min_sum_hessian_in_leaf) and the regularisation, " +
			"so keep the weights near 1 on average (the samples normalisation) unless you retune those."
	}
	return "The file holds each class's label, count and weight at full precision."
}

// Snippet returns the code or file text for target t: complete, runnable as
// written, with each weight at full precision.
func (e Export) Snippet(t Target) string {
	switch t {
	case TargetPyTorch:
		return e.pytorch()
	case TargetKeras:
		return e.keras()
	case TargetSklearn:
		return e.sklearn()
	case TargetXGBoost:
		return e.boosting("xgboost", "xgb", "XGBClassifier")
	case TargetLightGBM:
		return e.boosting("lightgbm", "lgb", "LGBMClassifier")
	case TargetCatBoost:
		return e.catboost()
	case TargetJSON:
		return e.json()
	}
	return e.csv()
}

func (e Export) isBinary() bool { return e.Counts.Len() == 2 }

func (e Export) header(comment string) string {
	return fmt.Sprintf("%s %s weights (%s), from the counts %s.\n", comment, e.Result.Scheme.Name,
		e.Result.Norm, e.countsText())
}

func (e Export) countsText() string {
	parts := make([]string, e.Counts.Len())
	for i := range parts {
		parts[i] = e.Counts.Label(i) + " " + FormatCount(e.Counts.Count(i))
	}
	return strings.Join(parts, ", ")
}

// pyNumber writes a weight for Python: full precision, and "None" where the
// weight is undefined (Python has no literal for NaN).
func pyNumber(w float64) string {
	if w != w {
		return "float('nan')"
	}
	s := FormatFloat(w)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// pyLabel writes a label as a Python literal: an int when it is one, else a
// string.
func pyLabel(label string) string {
	if n, err := strconv.Atoi(label); err == nil && strconv.Itoa(n) == label {
		return label
	}
	b, _ := json.Marshal(label)
	return string(b)
}

func (e Export) weightList() string {
	parts := make([]string, e.Counts.Len())
	for i := range parts {
		parts[i] = pyNumber(e.Result.Weights[i])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// indexComment maps class indices to labels: "0: neg, 1: pos".
func (e Export) indexComment() string {
	parts := make([]string, e.Counts.Len())
	for i := range parts {
		parts[i] = fmt.Sprintf("%d = %s", i, e.Counts.Label(i))
	}
	return strings.Join(parts, ", ")
}

// dict writes a Python dict from keys to weights, one entry a line.
func (e Export) dict(key func(i int) string) string {
	var b strings.Builder
	b.WriteString("{\n")
	for i := range e.Counts.Len() {
		fmt.Fprintf(&b, "    %s: %s,  # %s\n", key(i), pyNumber(e.Result.Weights[i]),
			e.Counts.Label(i))
	}
	b.WriteString("}")
	return b.String()
}

// labelKey is class i's label as a Python dict key.
func (e Export) labelKey(i int) string { return pyLabel(e.Counts.Label(i)) }

func (e Export) countList() string {
	parts := make([]string, e.Counts.Len())
	for i := range parts {
		parts[i] = FormatCount(e.Counts.Count(i))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (e Export) posWeight() (float64, string, string) {
	neg := 1 - e.Positive
	return e.Counts.Count(neg) / e.Counts.Count(e.Positive), e.Counts.Label(e.Positive),
		e.Counts.Label(neg)
}

func (e Export) pytorch() string {
	var b strings.Builder
	b.WriteString(e.header("#"))
	k := e.Counts.Len()
	fmt.Fprintf(&b, `import torch
import torch.nn as nn

# Class indices in your targets: %s.
class_weights = torch.tensor(%s)
criterion = nn.CrossEntropyLoss(weight=class_weights)

# A check that runs as it is: random logits for a batch of every class.
logits = torch.randn(%d, %d)
targets = torch.arange(%d)
print(criterion(logits, targets))
`, e.indexComment(), e.weightList(), k, k, k)

	if e.isBinary() {
		pw, pos, neg := e.posWeight()
		fmt.Fprintf(&b, `
# With a single output for %q (1) against %q (0), weight the positives instead:
# pos_weight = n_%s / n_%s, whatever the scheme above.
bce = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([%s]))
print(bce(torch.randn(4), torch.tensor([0.0, 1.0, 0.0, 1.0])))
`, pos, neg, neg, pos, pyNumber(pw))
	}

	fmt.Fprintf(&b, `
# Or balance the batches instead of the loss: each example drawn with weight
# 1 / n_c, so every class is drawn as often.
from torch.utils.data import WeightedRandomSampler

counts = torch.tensor(%s, dtype=torch.float64)
labels = torch.repeat_interleave(torch.arange(%d), counts.long())  # your training labels
sample_weights = (1.0 / counts)[labels]
sampler = WeightedRandomSampler(sample_weights, num_samples=len(labels), replacement=True)
`, e.countList(), k)
	b.WriteString("\n" + commentLines(TargetPyTorch.ScaleNote()))
	return b.String()
}

func (e Export) keras() string {
	var b strings.Builder
	b.WriteString(e.header("#"))
	b.WriteString("import numpy as np\nimport tensorflow as tf\n\n")
	b.WriteString("# Keras maps the integer class indices in y to weights.\n")
	fmt.Fprintf(&b, "class_weight = %s\n", e.dict(func(i int) string { return strconv.Itoa(i) }))
	if e.isBinary() {
		_, pos, neg := e.posWeight()
		bias := pyNumber(logRatio(e.Counts.Count(e.Positive), e.Counts.Count(1-e.Positive)))
		fmt.Fprintf(&b, `
# Start the sigmoid output at the base rate of %q: bias = ln(n_%s / n_%s).
initial_bias = %s
output = tf.keras.layers.Dense(
    1, activation="sigmoid",
    bias_initializer=tf.keras.initializers.Constant(initial_bias))
`, pos, pos, neg, bias)
	} else {
		biases := make([]string, e.Counts.Len())
		for i := range biases {
			biases[i] = pyNumber(logRatio(e.Counts.Count(i), e.Counts.Total()))
		}
		fmt.Fprintf(&b, `
# Start the softmax output at the class shares: bias_c = ln(n_c / N).
initial_bias = np.array([%s])
output = tf.keras.layers.Dense(
    %d, activation="softmax",
    bias_initializer=tf.keras.initializers.Constant(initial_bias))
`, strings.Join(biases, ", "), e.Counts.Len())
	}
	b.WriteString("\n# model.fit(x_train, y_train, class_weight=class_weight)\n")
	b.WriteString("\n" + commentLines(TargetKeras.ScaleNote()))
	return b.String()
}

func logRatio(a, b float64) float64 {
	if a == 0 || b == 0 {
		return math.NaN()
	}
	return math.Log(a / b)
}

func (e Export) sklearn() string {
	var b strings.Builder
	b.WriteString(e.header("#"))
	b.WriteString("from sklearn.linear_model import LogisticRegression\n\n")
	b.WriteString("# Keys are the labels as they appear in y.\n")
	fmt.Fprintf(&b, "class_weight = %s\n", e.dict(e.labelKey))
	b.WriteString("clf = LogisticRegression(class_weight=class_weight, max_iter=1000)\n")
	b.WriteString("# clf.fit(X_train, y_train)\n")
	b.WriteString("\n" + commentLines(TargetSklearn.ScaleNote()))
	return b.String()
}

func (e Export) boosting(module, alias, classifier string) string {
	var b strings.Builder
	b.WriteString(e.header("#"))
	target := map[string]Target{"xgboost": TargetXGBoost, "lightgbm": TargetLightGBM}[module]
	if e.isBinary() {
		pw, pos, neg := e.posWeight()
		fmt.Fprintf(&b, `import %s as %s

# scale_pos_weight = n_%s / n_%s weights the positive class %q (label 1).
model = %s.%s(scale_pos_weight=%s)
# model.fit(X_train, y_train)

# To use the %s weights above instead, pass them per row:
`, module, alias, neg, pos, pos, alias, classifier, pyNumber(pw), e.Result.Scheme.Name)
	} else {
		fmt.Fprintf(&b, "import %s as %s\n\nmodel = %s.%s()\n\n", module, alias, alias, classifier)
	}
	b.WriteString("import numpy as np\n\n")
	key := e.labelKey
	if module == "xgboost" {
		// XGBoost wants y as the class indices 0 to K - 1.
		b.WriteString("# Keys are the class indices in y (XGBoost wants 0 to K - 1).\n")
		key = strconv.Itoa
	} else {
		b.WriteString("# Keys are the labels as they appear in y.\n")
	}
	fmt.Fprintf(&b, "class_weight = %s\n\n", e.dict(key))
	b.WriteString("def sample_weights(y):\n")
	b.WriteString("    return np.array([class_weight[label] for label in y], dtype=float)\n\n")
	b.WriteString("# model.fit(X_train, y_train, sample_weight=sample_weights(y_train))\n")
	b.WriteString("\n" + commentLines(target.ScaleNote()))
	return b.String()
}

func (e Export) catboost() string {
	var b strings.Builder
	b.WriteString(e.header("#"))
	b.WriteString("from catboost import CatBoostClassifier\n\n")
	switch {
	case e.Result.Scheme == MaxRatio:
		b.WriteString("# CatBoost computes these ratios itself: max_k n_k / n_c.\n")
		b.WriteString("model = CatBoostClassifier(auto_class_weights=\"Balanced\", verbose=False)\n\n")
		b.WriteString("# The same, written out:\n")
	case e.Result.Scheme == SqrtMaxRatio:
		b.WriteString("# CatBoost computes these ratios itself: sqrt(max_k n_k / n_c).\n")
		b.WriteString("model = CatBoostClassifier(auto_class_weights=\"SqrtBalanced\", verbose=False)\n\n")
		b.WriteString("# The same, written out:\n")
	}
	b.WriteString("# Keys are the labels as they appear in y.\n")
	fmt.Fprintf(&b, "class_weights = %s\n", e.dict(e.labelKey))
	b.WriteString("model = CatBoostClassifier(class_weights=class_weights, verbose=False)\n")
	b.WriteString("# model.fit(X_train, y_train)\n")
	b.WriteString("\n" + commentLines(TargetCatBoost.ScaleNote()))
	return b.String()
}

// exportClass is one class in the JSON download.
type exportClass struct {
	Label  string   `json:"label"`
	Count  float64  `json:"count"`
	Weight *float64 `json:"weight"`
}

func (e Export) json() string {
	classes := make([]exportClass, e.Counts.Len())
	for i := range classes {
		classes[i] = exportClass{Label: e.Counts.Label(i), Count: e.Counts.Count(i)}
		if w := e.Result.Weights[i]; w == w {
			classes[i].Weight = &w
		}
	}
	out := struct {
		Scheme  string        `json:"scheme"`
		Norm    Norm          `json:"norm"`
		Formula string        `json:"formula"`
		Classes []exportClass `json:"classes"`
	}{e.Result.Scheme.ID, e.Result.Norm, e.Result.Scheme.FormulaText(), classes}
	data, _ := json.MarshalIndent(out, "", "  ")
	return string(data) + "\n"
}

func (e Export) csv() string {
	var b strings.Builder
	b.WriteString("label,count,weight\n")
	for i := range e.Counts.Len() {
		w := ""
		if v := e.Result.Weights[i]; v == v {
			w = FormatFloat(v)
		}
		fmt.Fprintf(&b, "%s,%s,%s\n", csvField(e.Counts.Label(i)),
			FormatFloat(e.Counts.Count(i)), w)
	}
	return b.String()
}

// commentLines writes text as Python comment lines of at most 80 columns.
func commentLines(text string) string {
	var b strings.Builder
	line := "#"
	for _, word := range strings.Fields(text) {
		if len(line)+1+len(word) > 80 {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + word
	}
	return b.String() + line + "\n"
}

// csvField quotes a field when it needs it, as RFC 4180 says.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
