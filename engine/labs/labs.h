#pragma once
// The catalogue of labs. Ids and parameters are a public interface (CLI,
// saved traces): keep them stable.

#include "lab.h"

#include <string_view>
#include <vector>

namespace proclab::labs {

const std::vector<const LabInfo *> &all();
const LabInfo *find(std::string_view id);

// One per lab file.
const LabInfo &startProcesses();
const LabInfo &join();
const LabInfo &isolation();
const LabInfo &daemon();
const LabInfo &terminate();
const LabInfo &counterRace();
const LabInfo &ticketRace();
const LabInfo &printLock();
const LabInfo &lockHolderKilled();
const LabInfo &queueBasics();
const LabInfo &producerConsumer();
const LabInfo &queueJoinDeadlock();
const LabInfo &pipeLab(); // not pipe(): that is pipe(2)
const LabInfo &managerDict();
const LabInfo &valueArray();
const LabInfo &ipcCompare();
const LabInfo &zombieOrphan();
const LabInfo &concurrencyParallelism();

} // namespace proclab::labs
