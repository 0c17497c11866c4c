#include "descendants.h"

#include "procstat.h"

#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <unordered_map>

namespace proclab {

std::vector<pid_t> descendantsOf(pid_t ancestor)
{
    std::unordered_multimap<pid_t, pid_t> children; // ppid -> pid
    if (DIR *d = opendir("/proc")) {
        while (dirent *e = readdir(d)) {
            char *end = nullptr;
            const long pid = std::strtol(e->d_name, &end, 10);
            if (pid <= 0 || *end != '\0')
                continue;
            detail::ProcStat st;
            if (detail::readProcStat(pid_t(pid), &st))
                children.emplace(st.ppid, pid_t(pid));
        }
        closedir(d);
    }
    std::vector<pid_t> found;
    std::vector<pid_t> todo{ancestor};
    while (!todo.empty()) {
        const pid_t p = todo.back();
        todo.pop_back();
        const auto range = children.equal_range(p);
        for (auto it = range.first; it != range.second; ++it) {
            found.push_back(it->second);
            todo.push_back(it->second);
        }
    }
    return found;
}

std::size_t killDescendants(pid_t ancestor)
{
    const std::vector<pid_t> all = descendantsOf(ancestor);
    for (pid_t p : all)
        kill(p, SIGKILL);
    return all.size();
}

} // namespace proclab
