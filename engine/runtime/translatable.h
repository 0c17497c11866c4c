#pragma once
// Marks the engine's user-visible English text for translation without Qt.
//
// The runtime and the labs run inside forked processes and never include Qt,
// yet their text (lab titles, chapters, blurbs, parameter help, summary keys,
// validation messages) is shown by the GUI in the chosen language. So:
//   - the engine writes QT_TRANSLATE_NOOP("Lab", "text") (and "Summary",
//     "Params"): lupdate extracts it textually, and here the macro is the text
//     itself (defined exactly as Qt defines it, so both may be seen);
//   - the GUI translates at display time with
//     QCoreApplication::translate(context, text) (gui/enginetext.h).
// Contexts: "Lab"     lab title, chapter, blurb, parameter help and unit
//           "Summary" summary keys (the key is the English label)
//           "Params"  validation messages, as patterns with %1, %2, ...
//
// Messages with values are built from a pattern: fillPattern(
//   QT_TRANSLATE_NOOP("Params", "%1 must be %2, got %3"), {name, range, got})
// gives the English text; the pattern is remembered so that the GUI can find
// it again in the message and translate it with the same values.

#include <initializer_list>
#include <string>
#include <vector>

#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace proclab {

// Replaces %1..%9 in `pattern` by args[0..8] (English text for the CLI, logs
// and the runner). Records the pattern (see usedPatterns()).
std::string fillPattern(const char *pattern, std::initializer_list<std::string> args);

// Every pattern fillPattern() has filled in this process, in first-use order.
std::vector<std::string> usedPatterns();

} // namespace proclab
