import Foundation
import InductionCore
import Testing

@Suite("A data folder on a network drive")
struct NetworkFileSystemTests {
  static let mounts = """
    /dev/vda1 / ext4 rw,relatime 0 0
    tmpfs /tmp tmpfs rw 0 0
    //fileserver/office /mnt/office cifs rw,vers=3.0 0 0
    fileserver:/export/home /home nfs4 rw 0 0
    pc2:/srv /mnt/pc2\\040share fuse.sshfs rw 0 0
    /dev/vdb1 /mnt/office/local ext4 rw 0 0
    """

  @Test func theLongestMountPointHoldingTheFolderDecides() {
    #expect(NetworkFileSystem.type(of: "/mnt/office/induction", mounts: Self.mounts) == "cifs")
    #expect(NetworkFileSystem.type(of: "/mnt/office/local/data", mounts: Self.mounts) == "ext4")
    #expect(NetworkFileSystem.type(of: "/mnt/officex/data", mounts: Self.mounts) == "ext4")
    #expect(NetworkFileSystem.type(of: "/mnt/pc2 share/data", mounts: Self.mounts) == "fuse.sshfs")
    #expect(
      NetworkFileSystem.type(of: "/home/office/.local/share/induction", mounts: Self.mounts)
        == "nfs4")
  }

  @Test func networkFileSystemsAreToldFromLocalOnes() {
    for type in ["nfs", "nfs4", "cifs", "smb3", "9p", "ceph", "fuse.sshfs", "fuse", "glusterfs"] {
      #expect(NetworkFileSystem.isNetwork(type: type), "\(type)")
    }
    for type in ["ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "vfat"] {
      #expect(!NetworkFileSystem.isNetwork(type: type), "\(type)")
    }
  }

  @Test func aFolderOnTheSharedDriveIsRefusedWithAWayOut() throws {
    #expect(
      throws: StoreError.networkFileSystem(path: "/mnt/office/induction", kind: "cifs")
    ) {
      try NetworkFileSystem.check("/mnt/office/induction", environment: [:], mounts: Self.mounts)
    }
    #expect(
      StoreError.networkFileSystem(path: "/mnt/office/induction", kind: "cifs").errorDescription
        == "the data folder /mnt/office/induction is on a network drive (cifs), where the database cannot keep signed records safe; keep the data folder on this PC's own disk, or let several PCs share one PostgreSQL database (or set INDUCTION_ALLOW_NETWORK_FS=1 if you know the drive is safe)"
    )
    // Those who know better may go ahead; a local folder always may
    try NetworkFileSystem.check(
      "/mnt/office/induction", environment: ["INDUCTION_ALLOW_NETWORK_FS": "1"],
      mounts: Self.mounts)
    try NetworkFileSystem.check("/tmp/induction", environment: [:], mounts: Self.mounts)
  }
}
