// Translations: lupdate run over gui/ and engine/ finds no string without a
// finished Simplified Chinese translation in the committed .ts; every lab's
// text and every validation message comes out in Chinese; summary keys are
// and lab errors are marked; View > Language retranslates the open window and back; --lang on
// proclab-run (and its refusal of other values); a CJK font is there.
#include "enginetext.h"
#include "labcatalogue.h"
#include "labpage.h"
#include "labs.h"
#include "language.h"
#include "mainwindow.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QXmlStreamReader>

using namespace proclab;

namespace {

const QString kSourceDir = QStringLiteral(PROCLAB_SOURCE_DIR);
const QString kCommittedTs =
    kSourceDir + QStringLiteral("/resources/translations/proclab_zh_CN.ts");

struct TsMessage
{
    QString context;
    QString source;
    QStringList translations; // one per numerus form, or one
    bool finished = false;
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QList<TsMessage> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(path);
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = TsMessage{context, {}, {}, false};
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            m.finished = type.isEmpty(); // not "unfinished", "obsolete" or "vanished"
            // Plain text or <numerusform> children.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    m.translations << xml.readElementText();
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (m.translations.isEmpty())
                m.translations << text;
            out << m;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: %2").arg(path, xml.errorString());
    return out;
}

QSet<QString> placeholders(const QString &s)
{
    QSet<QString> out;
    static const QRegularExpression re(QStringLiteral("%[1-9n]"));
    for (auto it = re.globalMatch(s); it.hasNext();)
        out << it.next().captured();
    return out;
}

QString key(const TsMessage &m)
{
    return m.context + QStringLiteral(" | ") + m.source;
}

} // namespace

class TstTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void everyExtractedStringIsTranslated();
    void labTextIsTranslated();
    void labLiteralsAreMarked();
    void validationMessagesAreTranslated();
    void englishMessagesUnchanged();
    void runtimeSwitchRetranslatesWindow();
    void cliLanguageOption();
    void chineseFontInstalled();

private:
    QTemporaryDir m_settings;
};

void TstTranslations::initTestCase()
{
    // Never touch the user's settings: QSettings writes into a temporary dir.
    QVERIFY(m_settings.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    QCoreApplication::setOrganizationName(QStringLiteral("ProcLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    QVERIFY(QFile::exists(kCommittedTs));
}

void TstTranslations::cleanup()
{
    QVERIFY(Language::apply(QStringLiteral("en")));
}

void TstTranslations::everyExtractedStringIsTranslated()
{
    // lupdate over the sources now, into a scratch file: the committed .ts is
    // never modified here.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(PROCLAB_LUPDATE),
                  {QStringLiteral("-extensions"), QStringLiteral("cpp,h"),
                   QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-silent"),
                   kSourceDir + QStringLiteral("/gui"), kSourceDir + QStringLiteral("/engine"),
                   QStringLiteral("-ts"), fresh});
    QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             lupdate.readAll().constData());

    QString error;
    const QList<TsMessage> extracted = readTs(fresh, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(extracted.size() > 200, "lupdate found suspiciously few strings");
    const QList<TsMessage> committed = readTs(kCommittedTs, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QHash<QString, TsMessage> byKey;
    for (const TsMessage &m : committed)
        byKey.insert(key(m), m);

    QStringList missing, broken;
    for (const TsMessage &m : extracted) {
        const auto it = byKey.constFind(key(m));
        const bool ok = it != byKey.cend() && it->finished &&
                        std::all_of(it->translations.cbegin(), it->translations.cend(),
                                    [](const QString &t) { return !t.trimmed().isEmpty(); });
        if (!ok) {
            missing << key(m);
            continue;
        }
        // The translation must use the same %1, %2, %n as the source.
        for (const QString &t : it->translations)
            if (placeholders(t) != placeholders(m.source))
                broken << key(m) + QStringLiteral("  ->  ") + t;
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("%1 string(s) without a finished translation in %2 (run "
                                       "lupdate, then translate them; README \"Languages\"):\n%3")
                            .arg(missing.size())
                            .arg(kCommittedTs, missing.join(QLatin1Char('\n')))));
    QVERIFY2(broken.isEmpty(),
             qPrintable(QStringLiteral("translations whose %-placeholders differ from the "
                                       "source:\n%1")
                            .arg(broken.join(QLatin1Char('\n')))));
}

void TstTranslations::labTextIsTranslated()
{
    // Catches engine text that was never marked (lupdate cannot see it).
    QVERIFY(Language::apply(QStringLiteral("zh_CN")));
    QStringList missing;
    auto check = [&](const LabInfo &lab, const QString &what, const std::string &text) {
        if (text.empty())
            return;
        if (engineText::lab(text) == QString::fromStdString(text))
            missing << QStringLiteral("%1 %2: \"%3\"")
                           .arg(QString::fromStdString(lab.id), what, QString::fromStdString(text));
    };
    QVERIFY(!labs::all().empty());
    for (const LabInfo *lab : labs::all()) {
        check(*lab, QStringLiteral("title"), lab->title);
        check(*lab, QStringLiteral("chapter"), lab->chapter);
        check(*lab, QStringLiteral("blurb"), lab->blurb);
        if (lab->outcome.label)
            check(*lab, QStringLiteral("key outcome"), lab->outcome.label);
        for (const ParamSpec &p : lab->params) {
            check(*lab, QString::fromStdString(p.name) + QStringLiteral(" help"), p.help);
            check(*lab, QString::fromStdString(p.name) + QStringLiteral(" unit"), p.unit);
        }
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("lab text not translated (mark it with "
                                       "QT_TRANSLATE_NOOP(\"Lab\", ...), then lupdate and "
                                       "translate):\n%1")
                            .arg(missing.join(QLatin1Char('\n')))));
}

void TstTranslations::labLiteralsAreMarked()
{
    // A summary key written as a bare literal is invisible to lupdate.
    const QDir labsDir(kSourceDir + QStringLiteral("/engine/labs"));
    const QStringList files = labsDir.entryList({QStringLiteral("*.cpp")}, QDir::Files);
    QVERIFY(files.size() >= 12);
    // summary.set("key", ...) (also a measurement row's, row.set) and
    // report_error[_on](..., "text") with a bare literal. (A Manager dict's
    // d.set("key", ...) is the lab program's data, not text.)
    static const QRegularExpression bare(QStringLiteral(
        "(?:\\b(?:summary|row)\\.set|report_error(?:_on)?)\\((?:[^;\"]*?,)?\\s*\"([^\"]+)\""));
    QStringList unmarked;
    for (const QString &name : files) {
        QFile f(labsDir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        for (auto it = bare.globalMatch(text); it.hasNext();)
            unmarked << name + QStringLiteral(": ") + it.next().captured(1);
    }
    QVERIFY2(unmarked.isEmpty(),
             qPrintable(QStringLiteral("text not marked: write "
                                       "summary.set(QT_TRANSLATE_NOOP(\"Summary\", \"key\"), ...)"
                                       " or report_error_on(pid, QT_TRANSLATE_NOOP(\"Lab\", "
                                       "\"...\")):\n%1")
                            .arg(unmarked.join(QLatin1Char('\n')))));
    QVERIFY(Language::apply(QStringLiteral("zh_CN")));
    QCOMPARE(engineText::summaryKey(QStringLiteral("lost_updates")), QStringLiteral("丢失的更新"));
    QCOMPARE(engineText::traceMessage(
                 QStringLiteral("hung: waiting on get() for an item that never comes")),
             QStringLiteral("卡住了：在 get() 上等待一个永远不会到来的数据项"));
}

void TstTranslations::validationMessagesAreTranslated()
{
    // Every kind of refusal, for every lab and parameter, in Chinese; and each
    // lab's cross-parameter check wherever a corner of the ranges trips it.
    std::vector<std::pair<std::string, std::string>> messages; // (lab, English)
    for (const LabInfo *lab : labs::all()) {
        for (const ParamSpec &p : lab->params) {
            std::vector<std::string> bad;
            switch (p.type) {
            case ParamType::Int:
                bad = {"abc", std::to_string(p.min - 1)};
                break;
            case ParamType::Bool:
                bad = {"maybe"};
                break;
            case ParamType::Choice:
                bad = {"no-such-choice"};
                break;
            }
            for (const std::string &v : bad)
                for (const std::string &e : resolveParams(*lab, {{p.name, v}}, nullptr))
                    messages.emplace_back(lab->id, e);
        }
        for (const std::string &e : resolveParams(*lab, {{"no_such_param", "1"}}, nullptr))
            messages.emplace_back(lab->id, e);
        if (lab->check && lab->params.size() <= 12) {
            const size_t n = lab->params.size();
            for (size_t mask = 0; mask < (size_t(1) << n); ++mask) {
                std::map<std::string, std::string> a;
                for (size_t i = 0; i < n; ++i) {
                    const ParamSpec &p = lab->params[i];
                    if (p.type == ParamType::Int)
                        a[p.name] = std::to_string((mask >> i) & 1 ? p.max : p.min);
                }
                for (const std::string &e : resolveParams(*lab, a, nullptr))
                    messages.emplace_back(lab->id, e);
            }
        }
    }
    QVERIFY(messages.size() > 50);
    QVERIFY(Language::apply(QStringLiteral("zh_CN")));
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    QStringList untranslated;
    QSet<QString> seen;
    for (const auto &[lab, english] : messages) {
        const QString zh = engineText::message(english);
        // Chinese, and no English sentence left in it (a wrong pattern would).
        const bool ok = zh.contains(cjk) && !zh.contains(QLatin1String(" must ")) &&
                        !zh.contains(QLatin1String(", got ")) &&
                        !zh.contains(QLatin1String("at most"));
        if (!ok && !seen.contains(QString::fromStdString(english))) {
            seen << QString::fromStdString(english);
            untranslated << QString::fromStdString(lab + ": " + english) +
                                QStringLiteral("  ->  ") + zh;
        }
    }
    QVERIFY2(untranslated.isEmpty(),
             qPrintable(QStringLiteral("messages not translated (build them with fillPattern("
                                       "QT_TRANSLATE_NOOP(\"Params\", \"pattern with %N\"), "
                                       "{values...})):\n") +
                        untranslated.join(QLatin1Char('\n'))));
    const LabInfo *counter = labs::find("counter-race");
    QVERIFY(counter);
    const auto e = resolveParams(*counter, {{"workers", "0"}}, nullptr);
    QCOMPARE(e.size(), size_t(1));
    QCOMPARE(engineText::message(e.front()), QStringLiteral("workers 必须在 1–64 之间，实际为 0"));
}

void TstTranslations::englishMessagesUnchanged()
{
    const LabInfo *counter = labs::find("counter-race");
    QVERIFY(counter);
    auto one = [&](const std::map<std::string, std::string> &a) {
        const auto e = resolveParams(*counter, a, nullptr);
        return e.size() == 1 ? QString::fromStdString(e.front())
                             : QStringLiteral("<%1 messages>").arg(e.size());
    };
    QCOMPARE(one({{"workers", "0"}}), QStringLiteral("workers must be 1–64, got 0"));
    QCOMPARE(one({{"workers", "x"}}),
             QStringLiteral("workers must be a whole number 1–64, got 'x'"));
    QCOMPARE(one({{"lock", "maybe"}}), QStringLiteral("lock must be true or false, got 'maybe'"));
    QCOMPARE(one({{"workers", "64"}, {"increments", "1000000"}}),
             QStringLiteral("workers × increments must be at most 2000000 (every step is traced), "
                            "got 64000000"));
    // English is the source text: no translator, no change.
    QVERIFY(Language::apply(QStringLiteral("en")));
    QCOMPARE(engineText::message("workers must be 1–64, got 0"),
             QStringLiteral("workers must be 1–64, got 0"));
}

void TstTranslations::runtimeSwitchRetranslatesWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.catalogue()->select(QStringLiteral("counter-race"));
    auto *run = window.page()->findChild<QPushButton *>(QStringLiteral("run"));
    QVERIFY(run);
    QCOMPARE(run->text(), QStringLiteral("Run"));
    QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    const QTreeWidgetItem *labItem = window.catalogue()->currentItem();
    QVERIFY(labItem);
    QCOMPARE(labItem->text(0), QStringLiteral("Lost updates (counter)"));

    // Choose 简体中文 in View > Language, as a user would.
    QAction *zh = window.findChild<QAction *>(QStringLiteral("language-zh_CN"));
    QVERIFY(zh);
    zh->trigger();
    QTRY_COMPARE(run->text(), QStringLiteral("运行"));
    QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
    QCOMPARE(labItem->text(0), QStringLiteral("丢失的更新（计数器）"));
    QCOMPARE(window.windowTitle(), QStringLiteral("ProcLab — 观察真实的进程"));
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));
    QCOMPARE(Language::saved(), QStringLiteral("zh_CN"));

    // The rebuilt menu still switches, and back to English.
    QAction *en = window.findChild<QAction *>(QStringLiteral("language-en"));
    QVERIFY(en);
    QVERIFY(!en->isChecked());
    en->trigger();
    QTRY_COMPARE(run->text(), QStringLiteral("Run"));
    QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    QCOMPARE(labItem->text(0), QStringLiteral("Lost updates (counter)"));
    QCOMPARE(Language::saved(), QStringLiteral("en"));
}

void TstTranslations::cliLanguageOption()
{
    const QString cli = qEnvironmentVariable("PROCLAB_RUN");
    QVERIFY2(QFile::exists(cli), "PROCLAB_RUN must name proclab-run");
    QTemporaryDir config;
    QVERIFY(config.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path()); // never the user's settings
    struct Result
    {
        int code;
        QString out, err;
    };
    auto runCli = [&](const QStringList &args) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(cli, args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return Result{-1, {}, QStringLiteral("did not finish")};
        }
        return Result{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                      QString::fromUtf8(p.readAllStandardOutput()),
                      QString::fromUtf8(p.readAllStandardError())};
    };

    Result r = runCli({QStringLiteral("--list"), QStringLiteral("--lang"), QStringLiteral("xx")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith(QStringLiteral("proclab-run: --lang must be en or zh_CN, got xx\n")),
             qPrintable(r.err));
    QVERIFY(r.out.isEmpty());

    r = runCli({QStringLiteral("--list"), QStringLiteral("--lang"), QStringLiteral("zh_CN")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("counter-race +丢失的更新（计数器）"))),
             qPrintable(r.out));

    r = runCli({QStringLiteral("--list"), QStringLiteral("--lang=en")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("counter-race +Lost updates \\(counter\\)"))),
             qPrintable(r.out));

    // Refusals in the chosen language; English unchanged without --lang.
    r = runCli({QStringLiteral("counter-race"), QStringLiteral("--set"),
                QStringLiteral("workers=0"), QStringLiteral("--lang"), QStringLiteral("zh_CN")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith(QStringLiteral("proclab-run: workers 必须在 1–64 之间，实际为 0\n")),
             qPrintable(r.err));
    r = runCli(
        {QStringLiteral("counter-race"), QStringLiteral("--set"), QStringLiteral("workers=0")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith(QStringLiteral("proclab-run: workers must be 1–64, got 0\n")),
             qPrintable(r.err));
    r = runCli({QStringLiteral("--bogus"), QStringLiteral("--lang"), QStringLiteral("zh_CN")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith(QStringLiteral("proclab-run: 未知选项 '--bogus'\n用法：")),
             qPrintable(r.err));
    QVERIFY(QDir(config.path()).isEmpty()); // the CLI remembers nothing
}

void TstTranslations::chineseFontInstalled()
{
    // Without a CJK font, Chinese renders as boxes (fonts-noto-cjk, .ci/deps).
    const QStringList families = QFontDatabase::families(QFontDatabase::SimplifiedChinese);
    QVERIFY2(!families.isEmpty(), "no font for Simplified Chinese: install fonts-noto-cjk");
}

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
