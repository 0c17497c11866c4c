#pragma once
// The user interface language: English (the source text) or Simplified
// Chinese. Installs the translators (the .qm files are embedded under
// :/i18n), remembers the choice (QSettings "language") and offers the
// View > Language menu. Widgets follow through QEvent::LanguageChange.

#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace proclab {

class Language
{
public:
    static QStringList codes();                     // "en", "zh_CN"
    static QString nativeName(const QString &code); // "English", "简体中文"
    static bool isValid(const QString &code);

    // Switches the running application (false if the code is unknown).
    static bool apply(const QString &code);
    static QString current();

    // The remembered choice ("en" when none).
    static QString saved();
    static void save(const QString &code);

    // The value of --lang in `args` ("--lang X" or "--lang=X"); empty when
    // absent. Sets `error` (and returns empty) when the value is not a code.
    static QString fromArguments(const QStringList &args, QString *error);

    // Language > English / 简体中文: applies and remembers the choice.
    static QMenu *createMenu(QWidget *parent);
};

} // namespace proclab
