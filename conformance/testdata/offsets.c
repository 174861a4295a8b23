/* offsets: the calls that take a 64-bit file offset or length, each with
 * a value above 4 GiB, in the working directory. Built twice: as a 64-bit
 * program and with gcc -m32, where each such value is split over two
 * registers (low word first) and strace prints them joined; a decoder
 * reading one register prints the low word only. The file is sparse. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include <unistd.h>

#define G4 0x100000000LL

int main(void)
{
	int fd = open("f.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[16] = "hello";
	struct iovec iov = { buf, 5 };

	ftruncate(fd, G4 + 5);
	truncate("f.dat", 2 * G4 + 7);
	pwrite(fd, buf, 5, G4 + 1);
	pread(fd, buf, 5, G4 + 1);
	pwritev(fd, &iov, 1, G4 + 2);
	preadv(fd, &iov, 1, G4 + 2);
	preadv2(fd, &iov, 1, G4 + 3, 0);
	posix_fadvise(fd, G4 + 4, 3 * G4, POSIX_FADV_RANDOM);
	fallocate(fd, FALLOC_FL_KEEP_SIZE, G4 + 6, 16);
	sync_file_range(fd, G4 + 7, 2 * G4, SYNC_FILE_RANGE_WRITE);
	sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
	sync_file_range(fd, 0, 0, 0x18); /* unknown flags: EINVAL */
	readahead(fd, G4 + 8, 100);
	lseek(fd, G4 + 9, SEEK_SET);

	/* sendfile from past the end of a small file: nothing moves, and
	 * strace shows the offset once. */
	int in = open("f.dat", O_RDONLY);
	off_t off = 3 * G4;
	sendfile(fd, in, &off, 3);
	close(in);
	close(fd);
	unlink("f.dat");
	return 0;
}
