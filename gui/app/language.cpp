#include "language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QMenu>
#include <QSettings>
#include <QTranslator>

namespace proclab {
namespace {

const QString kEnglish = QStringLiteral("en");
const QString kChinese = QStringLiteral("zh_CN");

struct State
{
    QString current = kEnglish;
    QTranslator *app = nullptr; // ProcLab's own text
    QTranslator *qt = nullptr;  // Qt's dialogs and buttons
};

State &state()
{
    static State s;
    return s;
}

void removeTranslators()
{
    State &s = state();
    for (QTranslator **t : {&s.app, &s.qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
}

} // namespace

QStringList Language::codes()
{
    return {kEnglish, kChinese};
}

QString Language::nativeName(const QString &code)
{
    // Each language named in itself, so that anyone can find theirs.
    if (code == kChinese)
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

bool Language::isValid(const QString &code)
{
    return codes().contains(code);
}

bool Language::apply(const QString &code)
{
    if (!isValid(code))
        return false;
    State &s = state();
    if (code == s.current && (code == kEnglish || s.app))
        return true;
    removeTranslators();
    s.current = code;
    if (code != kEnglish) {
        auto *app = new QTranslator;
        if (!app->load(QStringLiteral(":/i18n/proclab_%1.qm").arg(code))) {
            delete app;
            s.current = kEnglish;
            return false;
        }
        s.app = app;
        auto *qt = new QTranslator;
        if (qt->load(QStringLiteral("qtbase_%1").arg(code),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            s.qt = qt;
        else
            delete qt;
        if (s.qt)
            QCoreApplication::installTranslator(s.qt);
        QCoreApplication::installTranslator(s.app); // last installed is asked first
    } else {
        // Removing the translators sent LanguageChange: widgets retranslate.
    }
    return true;
}

QString Language::current()
{
    return state().current;
}

QString Language::saved()
{
    const QString code = QSettings().value(QStringLiteral("language"), kEnglish).toString();
    return isValid(code) ? code : kEnglish;
}

void Language::save(const QString &code)
{
    QSettings().setValue(QStringLiteral("language"), code);
}

QString Language::fromArguments(const QStringList &args, QString *error)
{
    QString code;
    bool given = false;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--lang")) {
            given = true;
            code = i + 1 < args.size() ? args[++i] : QString();
        } else if (args[i].startsWith(QLatin1String("--lang="))) {
            given = true;
            code = args[i].mid(7);
        }
    }
    if (given && !isValid(code)) {
        *error =
            QCoreApplication::translate("Language", "--lang must be en or zh_CN, got %1").arg(code);
        return {};
    }
    return code;
}

QMenu *Language::createMenu(QWidget *parent)
{
    // The title is translated; the entries are not (see nativeName()).
    auto *menu = new QMenu(QCoreApplication::translate("Language", "&Language"), parent);
    auto *group = new QActionGroup(menu);
    for (const QString &code : codes()) {
        QAction *a = menu->addAction(nativeName(code));
        a->setObjectName(QStringLiteral("language-") + code);
        a->setCheckable(true);
        a->setChecked(code == current());
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, menu, [code] {
            if (apply(code))
                save(code);
        });
    }
    return menu;
}

} // namespace proclab
