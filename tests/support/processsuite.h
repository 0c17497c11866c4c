// SPDX-License-Identifier: MIT
#pragma once
// The base of a Qt Test suite that starts real processes. The test process is
// their subreaper (an orphaned lab process comes back here, not to init), and
// after every test function none of them may be left: the function that left
// one fails, naming it. Suites with more to check after a test declare their
// own cleanup() and call ProcessSuite::cleanup() first.

#include <QObject>

namespace proclab::test {

class ProcessSuite : public QObject
{
    Q_OBJECT
protected Q_SLOTS: // found by Qt Test by name; protected: never taken for a test function
    void initTestCase();
    void cleanup();
};

} // namespace proclab::test
