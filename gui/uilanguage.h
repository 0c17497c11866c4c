#pragma once
// The language the user interface speaks, as the notes name it: "en" or
// "zh_CN". Read from the default QLocale, which the language switch sets
// (QLocale::setDefault) together with installing its QTranslator.

#include <QString>

namespace proclab {

QString currentLanguage();

} // namespace proclab
