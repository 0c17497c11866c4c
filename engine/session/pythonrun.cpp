#include "pythonrun.h"

#include "installpaths.h"
#include "labs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonValue>
#include <QStandardPaths>
#include <QStringDecoder>

namespace proclab {

namespace {
constexpr qint64 kMaxProgramBytes = 4 * 1024 * 1024;
}

QString PythonRun::resolvedInterpreter() const
{
    const QString name = interpreter.isEmpty() ? QStringLiteral("python3") : interpreter;
    if (name.contains(QLatin1Char('/')))
        return QFileInfo(name).isExecutable() && QFileInfo(name).isFile() ? name : QString();
    return QStandardPaths::findExecutable(name);
}

QStringList PythonRun::check() const
{
    QStringList problems;
    if (programText.isEmpty()) {
        const QFileInfo info(program);
        if (program.isEmpty())
            problems << QCoreApplication::translate("PythonRun", "no Python program given");
        else if (!info.exists())
            problems << QCoreApplication::translate("PythonRun", "%1: no such file").arg(program);
        else if (!info.isFile())
            problems << QCoreApplication::translate("PythonRun", "%1: not a file").arg(program);
        else if (info.size() > kMaxProgramBytes)
            problems << QCoreApplication::translate(
                            "PythonRun", "%1: %2 bytes; a program may have at most %3")
                            .arg(program)
                            .arg(info.size())
                            .arg(kMaxProgramBytes);
        else {
            QFile f(program);
            if (!f.open(QIODevice::ReadOnly))
                problems << QCoreApplication::translate("PythonRun", "%1: cannot read it: %2")
                                .arg(program, f.errorString());
            else {
                QStringDecoder utf8(QStringDecoder::Utf8);
                const QByteArray bytes = f.readAll();
                (void)utf8.decode(bytes);
                if (utf8.hasError() || bytes.contains('\0'))
                    problems << QCoreApplication::translate(
                                    "PythonRun", "%1: not a Python program (not UTF-8 text)")
                                    .arg(program);
            }
        }
    }
    if (!workDir.isEmpty() && !QFileInfo(workDir).isDir())
        problems << QCoreApplication::translate("PythonRun", "working directory %1 does not exist")
                        .arg(workDir);
    if (resolvedInterpreter().isEmpty()) {
        if (interpreter.isEmpty())
            problems << QCoreApplication::translate(
                "PythonRun", "no python3 found on PATH: install Debian's python3 "
                             "(sudo apt-get install python3) or name one with "
                             "--python-interpreter PATH");
        else
            problems << QCoreApplication::translate(
                            "PythonRun", "--python-interpreter: %1 is not an executable program")
                            .arg(interpreter);
    }
    if (tracerDir().isEmpty())
        problems << QCoreApplication::translate(
            "PythonRun", "ProcLab's Python tracer is missing (reinstall ProcLab, or set "
                         "PROCLAB_PYTHON_DIR to the directory that holds sitecustomize.py)");
    return problems;
}

QString PythonRun::tracerDir()
{
    return installPaths::pythonDir();
}

QString PythonRun::labProgram(const QString &labId)
{
    QFile f(QStringLiteral(":/notes/%1.py").arg(labId));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

QStringList PythonRun::labArguments(const QString &labId, const QJsonObject &params)
{
    QStringList args;
    const LabInfo *lab = labs::find(labId.toStdString());
    if (!lab)
        return args;
    for (const ParamSpec &spec : lab->params) {
        const QString name = QString::fromStdString(spec.name);
        const QJsonValue v = params.value(name);
        if (v.isUndefined())
            continue;
        QString text;
        if (v.isBool())
            text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (v.isDouble())
            text = QString::number(v.toInteger());
        else
            text = v.toString();
        args << QStringLiteral("--") + name << text;
    }
    return args;
}

PythonRun PythonRun::forLab(const QString &labId, const QJsonObject &params)
{
    PythonRun run;
    run.labId = labId;
    run.params = params;
    run.programText = labProgram(labId);
    run.programName = labId + QStringLiteral(".py");
    run.args = labArguments(labId, params);
    return run;
}

} // namespace proclab
