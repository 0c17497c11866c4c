#pragma once
// The run's shared memory for synchronisation objects and shared values
// (Python's multiprocessing.heap): one memfd, created by MainProcess, mapped
// by every lab process (inherited by fork, passed by fd number to spawned
// images). Objects are addressed by their offset, which is the same in every
// process, so a handle can travel as an integer argument.
//
// Allocation is a bump pointer (objects live as long as the run). Errors:
// allocate() throws ProcessError when the heap is full or was never created.

#include <cstddef>
#include <cstdint>

namespace proclab {

class SharedHeap
{
public:
    static constexpr std::size_t kBytes = 64u << 20; // sparse: only touched pages cost memory

    static bool create();       // in MainProcess; false with errno on failure
    static bool attach(int fd); // in a spawned image
    static int fd();            // -1 when there is none
    static void *allocate(std::size_t bytes, std::size_t align = 64);
    static std::int64_t offsetOf(const void *p);
    static void *at(std::int64_t offset);
};

} // namespace proclab
