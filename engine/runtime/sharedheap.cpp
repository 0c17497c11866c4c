#include "sharedheap.h"

#include "process.h"

#include <atomic>
#include <sys/mman.h>
#include <unistd.h>

namespace proclab {

namespace {
struct Header
{
    std::atomic<std::uint64_t> used;
};
char *g_base = nullptr;
int g_fd = -1;
} // namespace

bool SharedHeap::create()
{
    const int fd = memfd_create("proclab-heap", 0); // inherited: spawned images attach it
    if (fd < 0)
        return false;
    if (ftruncate(fd, off_t(kBytes)) != 0) {
        close(fd);
        return false;
    }
    if (!attach(fd))
        return false;
    new (g_base) Header{};
    reinterpret_cast<Header *>(g_base)->used.store(64);
    return true;
}

bool SharedHeap::attach(int fd)
{
    void *p = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return false;
    g_base = static_cast<char *>(p);
    g_fd = fd;
    return true;
}

int SharedHeap::fd()
{
    return g_fd;
}

void *SharedHeap::allocate(std::size_t bytes, std::size_t align)
{
    if (!g_base)
        throw ProcessError("shared memory is not set up in this process");
    auto *h = reinterpret_cast<Header *>(g_base);
    std::uint64_t cur = h->used.load();
    std::uint64_t start;
    do {
        start = (cur + align - 1) / align * align;
        if (start + bytes > kBytes)
            throw ProcessError("shared memory is full: a lab may use at most " +
                               std::to_string(kBytes >> 20) + " MiB of shared objects");
    } while (!h->used.compare_exchange_weak(cur, start + bytes));
    return g_base + start;
}

std::int64_t SharedHeap::offsetOf(const void *p)
{
    return static_cast<const char *>(p) - g_base;
}

void *SharedHeap::at(std::int64_t offset)
{
    return g_base + offset;
}

} // namespace proclab
