package dev.bulwark.runtime.fields;

/** Linux errno names for negative syscall results ({@code evt.res}). */
final class Errno {

    private static final String[] NAMES = {"SUCCESS", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
        "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV",
        "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",
        "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY",
        "ELOOP", null, "ENOMSG", "EIDRM"};

    private Errno() {
    }

    static String name(long result) {
        long code = -result;
        if (code == 115) {
            return "EINPROGRESS";
        }
        if (code == 111) {
            return "ECONNREFUSED";
        }
        if (code == 110) {
            return "ETIMEDOUT";
        }
        if (code == 11) {
            return "EAGAIN";
        }
        if (code > 0 && code < NAMES.length && NAMES[(int) code] != null) {
            return NAMES[(int) code];
        }
        return String.valueOf(result);
    }
}
