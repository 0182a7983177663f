/// A driver as the dashboard shows them. Chinese names are written in Chinese characters
/// (double-width on a terminal) with a pinyin form; others have `name == romanized`.
public struct Driver: Hashable, Sendable, Codable {
    public var name: String
    public var romanized: String
    public var userClass: UserClassID

    public init(name: String, romanized: String? = nil, userClass: UserClassID) {
        self.name = name
        self.romanized = romanized ?? name
        self.userClass = userClass
    }
}

/// Name tables drivers are drawn from. A generated name is two small indexes, so a car's
/// driver costs four bytes until someone asks for the text.
enum NameTables {
    static let chineseSurnames: [(String, String)] = [
        ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
        ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
        ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"),
        ("高", "Gao"), ("罗", "Luo"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
        ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"),
        ("欧阳", "Ouyang"), ("司马", "Sima"),
    ]
    static let chineseGivenNames: [(String, String)] = [
        ("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"),
        ("强", "Qiang"), ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"), ("艳", "Yan"),
        ("杰", "Jie"), ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying"), ("华", "Hua"),
        ("平", "Ping"), ("建国", "Jianguo"), ("晓明", "Xiaoming"), ("海燕", "Haiyan"), ("志强", "Zhiqiang"),
        ("丹", "Dan"), ("玉兰", "Yulan"), ("桂英", "Guiying"), ("俊杰", "Junjie"), ("欣怡", "Xinyi"),
        ("子涵", "Zihan"), ("浩然", "Haoran"), ("雨桐", "Yutong"), ("宇轩", "Yuxuan"), ("佳琪", "Jiaqi"),
        ("思远", "Siyuan"), ("文博", "Wenbo"), ("嘉怡", "Jiayi"),
    ]
    static let englishFirstNames = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Maria",
        "Daniel", "Karen", "Priya", "Wei", "Anh", "Jose", "Emily", "Kevin", "Laura", "Raj", "Olivia", "Ethan",
    ]
    static let englishLastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Nguyen", "Patel", "Kim", "Chen", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
    ]

    /// Packs a generated name: bit 31 clear, bit 30 Chinese, surname in bits 16-29, given name below.
    static func pack(chinese: Bool, surname: Int, given: Int) -> UInt32 {
        (chinese ? 1 << 30 : 0) | UInt32(surname) << 16 | UInt32(given)
    }

    /// The text of a packed generated name.
    static func text(of packed: UInt32) -> (name: String, romanized: String) {
        let surname = Int(packed >> 16 & 0x3FFF), given = Int(packed & 0xFFFF)
        if packed & (1 << 30) != 0 {
            let s = chineseSurnames[surname % chineseSurnames.count], g = chineseGivenNames[given % chineseGivenNames.count]
            return (s.0 + g.0, s.1 + " " + g.1)
        }
        let full = englishFirstNames[given % englishFirstNames.count] + " " + englishLastNames[surname % englishLastNames.count]
        return (full, full)
    }
}
