// SPDX-License-Identifier: MIT
#include "installpaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

// Set for this file by engine/session/CMakeLists.txt.
#ifndef PROCLAB_BINDIR_TO_LIBEXEC
#error "PROCLAB_BINDIR_TO_LIBEXEC must be defined (relative path bin -> libexec/proclab)"
#endif

namespace proclab::installPaths {

namespace {

QString besideExecutable(const QString &relative)
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QLatin1Char('/') + relative);
}

QString firstExecutable(const QStringList &candidates)
{
    for (const QString &c : candidates)
        if (QFileInfo(c).isExecutable() && QFileInfo(c).isFile())
            return QFileInfo(c).canonicalFilePath();
    return {};
}

QString firstDirectory(const QStringList &candidates)
{
    for (const QString &c : candidates)
        if (!c.isEmpty() && QFileInfo(c).isDir())
            return QFileInfo(c).canonicalFilePath();
    return {};
}

} // namespace

QString runner()
{
    const QString env = qEnvironmentVariable("PROCLAB_RUNNER");
    if (!env.isEmpty())
        return env;
    const QString name = QStringLiteral("/proclab-runner");
    const QString found = firstExecutable({
        besideExecutable(QStringLiteral(".") + name),
        besideExecutable(QStringLiteral(PROCLAB_BINDIR_TO_LIBEXEC) + name),
        besideExecutable(QStringLiteral("../engine/runner") + name),    // build/gui
        besideExecutable(QStringLiteral("../../engine/runner") + name), // build/tests/x
    });
    // Not found: name the installed place, so the error message says where it belongs.
    return found.isEmpty() ? besideExecutable(QStringLiteral(PROCLAB_BINDIR_TO_LIBEXEC) + name)
                           : found;
}

QString dataDir()
{
    return firstDirectory({besideExecutable(QStringLiteral(PROCLAB_BINDIR_TO_DATA))});
}

QString pythonDir()
{
    const QString env = qEnvironmentVariable("PROCLAB_PYTHON_DIR");
    if (!env.isEmpty())
        return QDir::cleanPath(env); // as given: a wrong one is reported by its user
    for (const QString &c : {besideExecutable(QStringLiteral("../python")),    // build/gui
                             besideExecutable(QStringLiteral("../../python")), // build/tests/x
                             besideExecutable(QStringLiteral(PROCLAB_BINDIR_TO_LIBEXEC) +
                                              QStringLiteral("/python")),
                             QStringLiteral(PROCLAB_SOURCE_PYTHON_DIR)}) // pure Python only
        if (QFileInfo::exists(c + QStringLiteral("/sitecustomize.py")))
            return QFileInfo(c).canonicalFilePath();
    return {};
}

} // namespace proclab::installPaths
