#include "uilanguage.h"

#include <QLocale>

namespace proclab {

QString currentLanguage()
{
    return QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                    : QStringLiteral("en");
}

} // namespace proclab
