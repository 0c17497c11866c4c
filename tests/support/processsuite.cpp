// SPDX-License-Identifier: MIT
#include "processsuite.h"

#include "processcensus.h"

#include <QTest>
#include <sys/prctl.h>
#include <unistd.h>

namespace proclab::test {

void ProcessSuite::initTestCase()
{
    QCOMPARE(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
}

void ProcessSuite::cleanup()
{
    QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                              qPrintable(describe(descendantsOf(getpid()))), 2000);
}

} // namespace proclab::test
