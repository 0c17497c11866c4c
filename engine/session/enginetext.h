#pragma once
// The engine's English text in the current language. The Qt-free engine marks
// its text with QT_TRANSLATE_NOOP (engine/runtime/translatable.h); these
// functions translate it at display time.

#include <QString>
#include <string>

namespace proclab::engineText {

// Lab title, chapter, blurb, parameter help and unit (context "Lab").
QString lab(const std::string &text);
// A summary key's label (context "Summary"); the key itself stays English in traces.
QString summaryKey(const QString &key);
// An error a lab reported into the trace (report_error_on(pid,
// QT_TRANSLATE_NOOP("Lab", "..."))); other text is returned as it is.
QString traceMessage(const QString &text);
// A validation message built by fillPattern(): finds its pattern, translates
// it (context "Params") and puts the same values back in.
QString message(const std::string &english);

} // namespace proclab::engineText
