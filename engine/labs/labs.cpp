#include "labs.h"

namespace proclab::labs {

const std::vector<const LabInfo *> &all()
{
    // An explicit list, not self-registration: a static library drops object
    // files nothing refers to, and their registrations with them.
    static const std::vector<const LabInfo *> list = {
        &startProcesses(),
        &join(),
        &isolation(),
        &daemon(),
        &terminate(),
        &counterRace(),
        &ticketRace(),
        &printLock(),
        &lockHolderKilled(),
        &queueBasics(),
        &producerConsumer(),
        &queueJoinDeadlock(),
        &pipeLab(),
        &managerDict(),
        &valueArray(),
        &ipcCompare(),
        &zombieOrphan(),
        &concurrencyParallelism(),
    };
    return list;
}

const LabInfo *find(std::string_view id)
{
    for (const LabInfo *lab : all())
        if (lab->id == id)
            return lab;
    return nullptr;
}

} // namespace proclab::labs
