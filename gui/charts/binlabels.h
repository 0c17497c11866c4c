#pragma once
// The words under a histogram's bars: one label per bin, no two alike, each
// naming its bin's values truly. A range's edges get as many decimals as the
// bins' width needs ("1.2005–1.201", never "1.2–1.2" twice), large numbers
// keep every digit ("1 234 567.5–1 234 568"), wide bins of whole thousands
// or millions read "10k–12k". A range can be put on two lines (after its
// dash) when one line is too wide for its bar.

#include "seriesstats.h"

#include <QStringList>

class QFontMetrics;

namespace proclab::BinLabels {

// Labels for `bins` (as Histogram::bins makes them), in order. With
// `twoLines`, ranges break after their dash with an HTML <br> (Qt Charts
// draws axis labels as rich text).
QStringList of(const QVector<HistogramBin> &bins, bool twoLines = false);

// How many decimals the edges of `bins` are written with (0 for whole
// numbers and for one value alike).
int decimals(const QVector<HistogramBin> &bins);

// `v` with `decimals` decimals, trailing zeros dropped, digits in groups of
// three past 9 999 (thin spaces), a real minus sign.
QString number(double v, int decimals);

// How wide `label` is drawn: its widest line.
int width(const QString &label, const QFontMetrics &fm);

} // namespace proclab::BinLabels
