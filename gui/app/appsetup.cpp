#include "appsetup.h"

#include <QByteArray>
#include <QtGlobal>
#include <sys/stat.h>
#include <unistd.h>

namespace proclab {

void ensureRuntimeDir()
{
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    const QByteArray dir = "/tmp/runtime-" + QByteArray::number(getuid());
    mkdir(dir.constData(), 0700);
    struct stat st
    {
    };
    if (stat(dir.constData(), &st) == 0 && st.st_uid == getuid() && (st.st_mode & 077) == 0)
        qputenv("XDG_RUNTIME_DIR", dir);
}

} // namespace proclab
