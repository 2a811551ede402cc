package dev.bulwark.runtime.sys;

/** A libc call failed: the call and its {@code errno}, with the error's symbolic name. */
public final class NativeException extends RuntimeException {

    private final int errno;

    public NativeException(String call, int errno) {
        super(call + " failed: " + name(errno) + " (errno " + errno + ")", null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** True for the errors that mean "not allowed here" (missing capability, seccomp, LSM). */
    public boolean isPermission() {
        return errno == Libc.EPERM || errno == Libc.EACCES || errno == Libc.EPROTONOSUPPORT;
    }

    static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 4 -> "EINTR";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 20 -> "ENOTDIR";
            case 22 -> "EINVAL";
            case 24 -> "EMFILE";
            case 28 -> "ENOSPC";
            case 91 -> "EPROTOTYPE";
            case 93 -> "EPROTONOSUPPORT";
            case 97 -> "EAFNOSUPPORT";
            case 105 -> "ENOBUFS";
            case 111 -> "ECONNREFUSED";
            default -> "errno " + errno;
        };
    }
}
