// SPDX-License-Identifier: MIT
#pragma once
// What an OutcomeHistogram's text looks like once drawn (TextBoxRecorder):
// the count axis' name and the bins' labels, each whole (never elided),
// inside the chart and clear of other text. Each check gives an empty
// string when all is well, else what is wrong, for QVERIFY2.

#include <QString>

namespace proclab {
class OutcomeHistogram;
}

namespace proclab::test {

// The count axis' name ("runs" in the current language) is drawn whole,
// inside the chart, over no other text.
QString countTitleProblem(OutcomeHistogram &chart);

// Under the plot, each bin's label (one line or two) is drawn whole, none
// cut or elided, none over another or past the chart's sides; a bin without
// its label only when the chart says it shows every k-th (labelsThinned()),
// and then at least one shows.
QString binLabelsProblem(OutcomeHistogram &chart);

} // namespace proclab::test
