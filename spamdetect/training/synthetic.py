"""A generator of labeled training paragraphs in the shapes injected spam takes on real pages.

The hand-labeled corpus is small and every page in it is an infected one; what a model needs
more of is (a) the injection patterns themselves with endless variation of names and
camouflage, and (b) legitimate text *about* gambling that must stay ``article``. This module
writes both, from the project's own hand-written material (nothing copied from any corpus):

spam (``label="spam"``)
    ``block_header``   ``时事3:乐虎体育下载`` -- the header of an injection block
    ``splice``         ``12月28日,<headline>,<sentence>,<brand phrase>,<brand phrase>。``
    ``byline_promo``   a real-looking byline or source line with a promotion appended, or with
                       a brand in the outlet's place (``来源:XX体育``, ``当前位置:首页 > XX > 新闻中心``)
    ``stuffing``       porn or betting keyword phrases joined by ``_ , - | I``
    ``seo_promo``      gambling-platform promotion and how-to text (some Traditional, some Cantonese)
    ``private_ad``     私服 / 办证 advertisements, private-hospital and surrogacy ads
    ``adult_seo``      porn-brand SEO: brand names with 在线观看/最新地址, and the bland "essay"
                       sentences such pages wrap around them (吃瓜黑料, 传媒 brands)
    ``game_server``    private game-server (私服) SEO: 新开/发布网 lines and nostalgic essay
                       sentences about the game world that carry the server's name
    ``forgery``        fake-certificate (办证) SEO: 样本图片, 高仿, 学信网可查
    ``tip_seo``        lottery/betting tip titles: 怎么算奖金, 精准计算公式, 杀号技巧; the private
                       "Macau Mark Six" tip trade: 新澳门六开彩, 一肖一码, 2023澳门今晚开
    ``brand_essay``    a clean paragraph with promotion brand names worked into its sentences:
                       whole SEO pages are bland prose that names the brand every few lines
    ``phrase``         an injected phrase alone (a promotion, a brand and its call to action, a
                       brand coined of digits and letters such as ``24848威尼斯``, a Mark Six tip
                       title), for the clause scorer

article (``label="article"``)
    ``hard_negative``  police crack-downs, court verdicts, official lottery draws, Macau gaming
                       revenue, the Hong Kong Mark Six draw, football reports, anti-fraud
                       warnings and explainers that quote the sites' calls, and the same for the
                       other spam families (fake-certificate and private-server cases, porn
                       crack-downs, short-video industry news, game news, false hospital ads,
                       surrogacy cases)
    ``sports_news``    match reports and club news with real team and player names: the
                       corpus's betting-SEO pages talk football, real sports pages must not pay
    ``chrome``         bylines, sources, editor lines, dates, navigation menus and breadcrumbs

``camouflage`` lets the caller splice real clean headlines into the ``splice`` pattern (the
training recipe passes news titles read at build time); by default the module's own sentences
are used. Output is deterministic for a given ``seed``.

Command line: ``python -m spamdetect.training.synthetic -n 300 --seed 0 -o data/synthetic_sample.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

__all__ = ["generate", "SPAM_PATTERNS", "ARTICLE_PATTERNS"]

# -- hand-written material -----------------------------------------------------------------------
HEADLINES = [
    "多地启动冬季供暖保障工作", "新能源汽车下乡活动在县城举行", "全国秋粮收购进度过半",
    "城市更新项目让老街区焕发新活力", "高校毕业生就业服务周启动", "沿海港口货物吞吐量稳步增长",
    "多部门联合开展食品安全检查", "乡村振兴示范村建设提速", "地铁新线路开通试运营",
    "科技创新大会在京召开", "博物馆推出夜间开放服务", "文旅市场迎来消费热潮",
    "气象部门发布寒潮蓝色预警", "全民健身活动丰富市民生活", "跨境电商出口额创新高",
    "老旧小区加装电梯工程进展顺利", "中小学课后服务实现全覆盖", "生态环境持续改善空气质量提升",
    "农产品电商助力农民增收", "高速公路春运保畅方案出台",
]
SENTENCES = [
    "据介绍,今年以来当地累计完成投资超过一百亿元,带动就业岗位近两万个。",
    "专家表示,下一阶段应进一步加强政策协同,稳定市场预期。",
    "记者在现场看到,工人们正在紧张有序地进行管道铺设作业。",
    "该负责人说,目前各项准备工作已基本就绪,将确保按期完工。",
    "数据显示,前三季度全市规模以上工业增加值同比增长百分之六点二。",
    "活动现场人头攒动,不少市民带着孩子前来体验传统手工艺。",
    "业内人士认为,行业集中度提升是大势所趋,中小企业需加快转型。",
    "根据通知要求,各地要在年底前完成排查整改工作。",
    "受降温影响,部分山区道路出现结冰,交警部门提醒司机减速慢行。",
    "这项技术已在多家医院推广应用,患者平均住院时间缩短了两天。",
    "村民们说,道路硬化以后,农产品运出去方便多了。",
    "会议强调,要坚持问题导向,切实解决群众急难愁盼问题。",
    "今年的展会共吸引了来自三十多个国家和地区的一千余家企业参展。",
    "研究团队历时五年完成了这项调查,样本覆盖全国二十个省份。",
    "市场监管部门表示,将持续加大对价格违法行为的查处力度。",
]
BRAND_HEADS = ["皇冠", "金沙", "葡京", "新葡京", "永利", "太阳城", "威尼斯人", "澳门", "亚洲", "乐鱼",
               "九游", "开云", "华体会", "必赢", "bet365", "188", "365", "乐虎", "沙巴", "天博",
               "亚博", "米兰", "爱游戏", "金年会", "bob", "ag", "bbin", "银河", "星空", "半岛"]
_WORD_HEADS = [h for h in BRAND_HEADS if not h.isdigit()]
BRAND_TAILS = ["体育", "娱乐", "国际", "真人", "棋牌", "彩票", "电竞", "娱乐城", "体育平台", "游戏"]
BRAND_ACTIONS = ["官网", "app下载", "网址", "登录入口", "官方网站", "注册", "下载", "平台", "官网入口",
                 "手机版", "网页版", "登陆", "网址是多少", "官网首页", "苹果版下载", "在线试玩"]
GAMES = ["百家乐", "老虎机", "轮盘", "德州扑克", "二十一点", "龙虎斗", "牛牛", "时时彩", "六合彩",
         "北京赛车", "幸运飞艇", "快三", "足球滚球", "篮球让分", "电子游艺", "捕鱼", "真人视讯"]
PROMOS = ["首次登录送{n}元红包", "注册即送{n}元彩金", "首存送{n}%", "新用户送{n}元体验金",
          "每日返水{p}%", "充值秒到账,提款五分钟到账", "点击进入官网领取{n}元", "扫码下载送{n}元"]
SEARCH_PHRASES = ["{game}哪个平台好", "{game}在哪里玩", "{brand}怎么注册", "{brand}是正规的吗",
                  "{game}技巧大全", "{game}必胜技巧", "{brand}提款要多久", "在哪买{game}",
                  "{game}网上投注", "{brand}客服电话", "{game}平台推荐", "{brand}最新地址",
                  "线上{game}官网", "{game}计划群", "{game}真人版", "手机{game}下载"]
HEADER_TAILS = ["下载", "登陆", "官网", "网址在哪里", "app哪个好", "入口", "平台推荐", "注册"]
STUFF_PORN = ["一区二区三区", "综合久久", "精品视频", "在线观看", "国产精品", "日韩无码", "免费视频",
              "高清中文字幕", "久久精品", "亚洲成人", "午夜福利", "成人影院", "偷拍自拍", "欧美日韩",
              "无码专区", "视频在线播放", "av天堂", "福利视频", "成人网站", "一本道", "人妻", "熟女"]
STUFF_BET = ["足球投注", "买球网站", "体育彩票平台", "滚球盘口", "真人百家乐", "电子老虎机", "彩票计划",
             "时时彩平台", "外围买球", "赌球网址", "博彩公司排名", "娱乐城注册"]
SEPARATORS = ["_", ",", "-", "|", " I ", "、", " "]
SEO_PROMO = [
    "{brand}是亚洲领先的线上娱乐平台,提供{game}、{game}等上百种游戏,{promo}。",
    "选择{brand}的理由:牌照正规,资金安全,{game}赔率业界最高,{promo}。",
    "想玩{game}又怕被骗?{brand}官方认证,7x24小时客服在线,{promo}。",
    "{game}新手必看:掌握这几个技巧,轻松提高胜率,推荐在{brand}实战练习。",
    "{brand}手机app支持{game}和{game},随时随地下注,{promo}。",
    "今日{game}计划免费分享,加入{brand}会员群,稳赚不赔,{promo}。",
    "{brand}嘅{game}玩法好简单,新手都可以即刻上手,{promo}。",
    "喺{brand}玩{game},出款快又安全,仲有{promo}。",
]
PRIVATE_ADS = [
    "传奇私服新开一秒一区,装备全靠打,{promo}。", "最新{n}复古传奇私服发布网,散人也能玩。",
    "办理各类毕业证、学位证,学信网可查,联系电话{tel}。", "专业办证刻章,身份证驾驶证{n}小时出证。",
    "魔域私服今日新开,充值一比一万,{promo}。", "代办发票、代开增值税发票,电话{tel}。",
    # private-hospital and surrogacy ads, as they are cut into health and family news
    "{city}治疗白癜风最好的医院是哪家", "{city}男科医院哪家好,{city}男科医院排名",
    "{city}做试管婴儿最好的医院排名", "代孕包成功,供卵代怀可选性别,咨询{tel}",
    "{city}代怀孕生子机构,包成功", "{city}看妇科哪家医院好,{city}妇科医院排名",
    "治疗牛皮癣最好的医院在{city}", "{city}白癜风医院,专业治疗白斑{n}年",
]
# porn-brand SEO: brand names as they appear on such pages (names only, no content)
ADULT_BRANDS = ["糖心Vlog", "麻豆传媒", "天美传媒", "精东影业", "果冻传媒", "星空传媒", "蜜桃传媒",
                "91制片厂", "皇家华人", "杏吧", "91视频", "海角社区", "51吃瓜", "吃瓜黑料", "黑料不打烊",
                "今日吃瓜", "草榴社区", "香蕉视频", "蘑菇视频", "抖阴", "小黄书", "91porn", "红杏视频"]
ADULT_ACTIONS = ["在线观看", "官网入口", "最新地址", "免费观看", "永久地址", "网页版", "app下载",
                 "无删减版", "入口", "黑料合集", "今日更新", "免费入口", "高清完整版", "最新网址"]
ADULT_ESSAY = [
    "{ab}:我们每天刷的视频,到底从哪来?",
    "第一次刷到{ab}的视频时,那种手持镜头带来的代入感让人印象深刻。",
    "{ab}与{ab}:短视频风口下的内容生态进化论",
    "在{ab}里,每天都有上万条新内容更新,用户停留时长远超同类平台。",
    "很多人问{ab}{aa}在哪里,其实答案很简单,收藏本页即可。",
    "{ab}爆款视频中,超过六成带有突发事件元素,评论区永远热闹。",
    "凌晨三点的手机屏幕幽幽发亮,小美第{n}次刷新{ab}专区。",
    "{ab}的创作者跟我算过一笔账:最大的成本其实是流量。",
    "引爆眼球的吃瓜现场:{ab}的诱惑与真相的追逐",
    "{ab}每日更新明星黑料、网红爆料,热门大瓜一网打尽。",
    "{ab}{aa},{ab}{aa},{ab}{aa}",
    "这片水域里,{ab}、{ab}和{ab}各自游动,谁也离不开流量。",
]
GAME_SERVERS = ["传奇私服", "复古传奇", "1.76复古", "1.80合击", "热血传奇私服", "迷失传奇", "单职业传奇",
                "微变传奇", "魔域私服", "奇迹私服", "梦幻西游私服", "问道私服", "传奇sf", "合击传奇",
                "超变传奇", "冰雪传奇", "神途私服", "天龙八部私服"]
GAME_SERVER_SUFFIX = ["发布网", "新开网站", "新服", "一区", "今日新开", "开服表", "网站", "新开一秒"]
GAME_ZONES = ["玛法大陆", "比奇省", "盟重省", "沙巴克", "僵尸洞", "祖玛寺庙", "赤月峡谷", "蜈蚣洞",
              "新手村", "封魔谷", "猪洞"]
GAME_SERVER_LINES = [
    "{gs}{gx},装备全靠打,不卖元宝,{promo}。",
    "{gs}:{gz}的开荒与新服甄选指南",
    "{gz}的晨雾从未散去,站在新手村门前,手指悬停在{gs}的登录按钮上。",
    "战士的刺杀剑术、法师的地狱火、道士的神兽,{gs}还原了二十年前的味道。",
    "新开的{gs}里,{gz}的怪物爆率全开,散人也能打金回收。",
    "{gs}怎么选?老玩家教你避开一秒区和圈钱服。",
    "今晚八点{gs}{gx},攻城{gz},一刀九九九。",
    "找{gs}就上{gs}{gx},每日新开,{promo}。",
]
CERTIFICATES = ["毕业证", "学位证", "大专毕业证书", "本科毕业证", "学历证书", "身份证", "驾驶证",
                "结婚证", "房产证", "职称证书", "资格证", "四六级证书", "硕士学位证"]
FORGERY_LINES = [
    "{cert}样本({cert}样本图片)",
    "{cert}制作流程:高仿{cert},学信网可查,钢印齐全,{tel}。",
    "专业制作{cert},一比一还原,{n}天出证,支持验货付款。",
    "{cert}样本的防伪标志主要有水印、烫金和激光码,需要{cert}的朋友请联系客服。",
    "{cert}样本的种类、排版和印刷细节一览,办理{cert}请加微信。",
    "代办{cert},各省市均可办理,保真可查,加急{n}小时拿证。",
    "{cert}丢了不用愁,专业补办{cert}、{cert},价格优惠,{tel}。",
]
LOTTERIES = ["双色球", "大乐透", "福彩3d", "排列三", "排列五", "七星彩", "快乐8", "时时彩", "足彩",
             "竞彩足球", "北京单场", "11选5", "pc蛋蛋", "香港六合彩"]
TIP_QUESTIONS = ["怎么算奖金", "中奖规律是什么", "精准计算公式", "杀号技巧", "必中方法", "走势图分析",
                 "选号技巧大全", "预测专家推荐", "稳赚投注方法", "怎么买中奖率高", "计算公式介绍",
                 "中奖概率计算", "胆码推荐", "倍投方案", "赢一半怎么算"]
# the private "Macau Mark Six" tip trade (no Macau authority runs a Mark Six): titles such sites
# stuff into hijacked headlines and names (``2023澳门今晚开``)
MARK_SIX = ["新澳门六开彩", "澳门今晚开什么", "澳门今晚开奖结果", "新澳门天天开好彩", "澳门一码一肖100准",
            "管家婆一码中一肖", "新澳门正版免费资料大全", "香港正版资料大全", "澳门六开奖结果开奖记录",
            "一肖一码100%中", "今晚澳门特马开的什么", "新澳今晚开什么号码", "澳彩资料免费大全",
            "天天开好彩免费资料", "新澳门精准四肖期期中", "澳门特马资料"]
OUTLETS = ["本报", "新华网", "市融媒体中心", "晚报", "日报", "都市报", "电视台", "新闻网"]
NAMES = ["张明", "李华", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄蕾", "周涛", "吴敏", "徐立", "孙悦"]
CITIES = ["杭州", "成都", "南京", "武汉", "西安", "郑州", "长沙", "济南", "福州", "昆明", "合肥", "南宁"]
HARD_NEGATIVES = [
    "警方提醒,网上兜售“澳门一码一肖”“六合彩内幕资料”的均为诈骗,{city}已有{n}名市民被骗。",
    "香港赛马会公布,六合彩第{n}期攪珠结果,头奖{m}注中,每注派彩{n}百万元。",
    "{city}市公安局近日破获一起特大网络赌博案,抓获犯罪嫌疑人{n}名,涉案金额{m}亿元。",
    "警方提醒,所谓“{brand}”等境外赌博网站以高额返水为诱饵,参赌者往往血本无归。",
    "{city}市中级人民法院以开设赌场罪判处被告人{name}有期徒刑{k}年,并处罚金{n}万元。",
    # anti-fraud explainers: they name the calls and tricks of the sites they warn of
    "套路{k}:“{game}”披上休闲游戏外衣,玩家注册、充值后,庄家在后台操控输赢,提现时账号即被冻结。",
    "受害人往往被“稳赚不赔”“首充返利”吸引,下载来历不明的App后越陷越深,最终血本无归。",
    "不法分子利用社交平台组建“红包群”,以抢红包为名组织赌博,{city}警方提醒切勿参与。",
    "网络赌博通常以赌博网站、赌博App和“棋牌游戏”的形式出现,所谓官网、客服、返水都是诱饵。",
    "套路破局:不点陌生链接,不下载来路不明的App,遇到“高额返水”“充值送彩金”立即举报。",
    "{city}市卫健委通报,{n}家民营医院因发布虚假医疗广告被立案查处。",
    "医生提醒,白癜风治疗要到正规医院皮肤科,不要轻信“包治”“根治”一类的广告。",
    "我国法律禁止任何形式的代孕,{city}警方近日捣毁一个代孕窝点,解救孕妇{k}名。",
    "试管婴儿技术帮助不少家庭圆了生育梦,但专家提醒,应到具备资质的医院就诊。",
    "中国福利彩票双色球第2025{q}期开奖,本期全国销售额{m}亿元,共开出一等奖{k}注。",
    "体彩大乐透第25{q}期开奖结果公告:本期一等奖{k}注,单注奖金{n}万元。",
    "澳门特区政府博彩监察协调局数据显示,上月博彩毛收入同比增长{p}%,达{n}亿澳门元。",
    "分析人士指出,澳门博彩业复苏带动酒店入住率回升,非博彩元素占比逐步提高。",
    "{city}队主场2比1战胜对手,外援梅开二度,球队积分升至联赛第{k}位。",
    "本场比赛下半场第{n}分钟,主队通过角球机会破门,最终将比分锁定。",
    "反诈中心提醒:网上“{game}稳赚计划”“{brand}内部漏洞”均为诈骗话术,切勿轻信。",
    "检察机关依法对{n}名利用网络平台组织{game}赌博的犯罪嫌疑人提起公诉。",
    "公安部部署开展打击跨境赌博专项行动,截至目前已冻结涉赌资金{m}亿元。",
    "彩票管理部门重申,互联网销售彩票须经批准,任何网站不得擅自代购。",
    "世界杯期间,{city}警方查处多起利用足球赛事进行网络赌球的违法案件。",
    "{city}警方捣毁一个制售假证窝点,查获伪造毕业证、驾驶证等{n}余本。",
    "教育部提醒,学历证书可通过学信网查询真伪,切勿相信网上代办广告。",
    "毕业生可登录学信网下载电子注册备案表,用于求职时的学历查验。",
    "{city}市文化执法部门查处一起架设网络游戏私服案件,涉案金额{m}亿元。",
    "法院以侵犯著作权罪判处架设传奇私服的被告人{name}有期徒刑{k}年。",
    "经典网游重制版上线首日服务器一度排队,不少玩家回忆起当年攻城的日子。",
    "“扫黄打非”部门集中清理涉黄短视频平台,关闭违规账号{n}万个。",
    "网信办通报,{n}家网站因传播淫秽色情信息被依法约谈并责令整改。",
    "微短剧市场规模持续扩大,广电总局出台管理规定,要求平台加强内容审核。",
    "短视频平台日均更新量超过千万条,算法推荐让用户停留时长不断增加。",
    "福彩3D第2025{q}期开奖号码公布,本期全国销量{m}千万元。",
    "体彩中心提醒,购彩请到实体网点或官方渠道,理性购彩,量力而行。",
    "驾驶证到期换证可在交管12123上办理,无需再跑车管所。",
    "{city}上线政务服务平台,市民办理社保、公积金业务可一网通办。",
    "电商平台加强对入驻商家的资质审核,保障消费者合法权益。",
    "监管部门出台新规,促进平台经济规范健康发展。",
]
# Sports reports: the betting-SEO pages of the corpus talk football and basketball, so team and
# player names and match words lean spam unless the model also sees real match reports.
TEAMS = ["曼城", "利物浦", "阿森纳", "切尔西", "曼联", "热刺", "皇马", "巴萨", "马竞", "拜仁", "多特蒙德",
         "国际米兰", "AC米兰", "尤文图斯", "那不勒斯", "巴黎圣日耳曼", "上海海港", "山东泰山", "北京国安",
         "成都蓉城", "上海申花", "浙江队", "湖人", "勇士", "凯尔特人", "掘金", "广东宏远", "辽宁本钢",
         "中国女排", "国足", "国奥队"]
COMPETITIONS = ["英超", "西甲", "德甲", "意甲", "法甲", "欧冠", "欧联杯", "中超", "亚冠", "足协杯", "NBA",
                "CBA", "世预赛", "女排联赛", "亚洲杯"]
PLAYERS = ["哈兰德", "萨拉赫", "萨卡", "姆巴佩", "维尼修斯", "凯恩", "莱万", "武磊", "张玉宁", "詹姆斯",
           "库里", "约基奇", "易建联", "朱婷", "周琦", "孙兴慜", "德布劳内", "贝林厄姆"]
SPORTS_NEWS = [
    "北京时间{mon}月{dd}日,{comp}第{k}轮,{team}主场迎战{team2}。",
    "上半场第{n}分钟,{player}率先破门;下半场{team2}扳平比分,最终双方{a}比{a}战平。",
    "第{n}分钟,{player}禁区外远射破门,帮助{team}{b}比{a}逆转{team2}。",
    "赛后{team}主帅表示,球队在下半场展现了韧性,接下来要尽快调整状态。",
    "目前{team}积分{n}分,暂列{comp}积分榜第{k}位,落后榜首{k}分。",
    "{team}官方宣布,球队与{player}完成续约,新合同将执行到20{yy}年夏天。",
    "本场比赛{player}全场贡献{n}分{k}个篮板,帮助{team}以{pts}战胜{team2}。",
    "{comp}第{k}轮综述:{team}客场取胜,{team2}遭遇{k}连败。",
    "受伤病影响,{team}本赛季已有{k}名主力缺阵,主帅不得不调整阵容。",
    "{player}赛后接受采访时说:“今天全队打得很团结,这场胜利属于每一个人。”",
    "数据显示,{team}本场控球率达到{p}%,射门{n}次,其中射正{k}次。",
    "{comp}抽签结果揭晓,{team}与{team2}同分在一个小组。",
    "转会窗口关闭前,{team}以{m}00万欧元的价格签下{player}。",
    "{team}在{comp}中{b}比{a}击败{team2},提前一轮锁定小组出线资格。",
    "球迷在{city}体育中心外排起长队,等待入场观看{team}的比赛。",
]
CHROME = ["责任编辑:{name}", "来源:{outlet}", "{outlet}记者 {name}", "{y}-{mm}-{dd} {hh}:{mi}",
          "作者:", "来源:", "作者:{name}", "手机查看", "{outlet}官方微信", "{outlet}官方微博",
          "首页 > 新闻 > 社会", "相关推荐", "分享到:", "版权所有 © {y} {outlet}", "审核:{name}",
          "上一篇", "下一篇", "打印本页", "【字体:大 中 小】"]

# Navigation of Chinese news and portal sites: short, and full of words spam also uses
# (视频, 平台, 下载, 官方, 客户端), so the model must see them as the page chrome they are.
# (The seed page's own menu is deliberately not in this list: the seed is a held-out check.)
MENU = ["首页", "新闻", "视频", "直播", "图片", "专题", "评论", "财经", "体育", "娱乐", "科技", "汽车",
        "房产", "教育", "健康", "旅游", "企鹅号", "大鱼号", "网易号", "搜狐号", "微信公众号",
        "官方微博", "官方微信", "客户端下载", "手机版", "电脑版", "APP下载", "政务平台", "服务平台",
        "举报平台", "网上举报", "联系我们", "关于我们", "广告服务", "网站地图", "登录", "注册",
        "视频号", "短视频", "直播间", "读报", "数字报", "热点", "排行榜", "更多", "搜索",
        "信息公开平台", "融媒体平台", "公共服务平台", "学习平台", "开放平台", "招聘平台", "党建平台",
        # the sections of Hong Kong and Macau portals
        "澳门", "澳门新闻", "澳门平台", "港澳", "大湾区", "赛马", "马经", "彩票", "体育彩票", "福利彩票"]

SPAM_PATTERNS = ("block_header", "splice", "byline_promo", "stuffing", "seo_promo", "private_ad",
                 "adult_seo", "game_server", "forgery", "tip_seo", "brand_essay", "phrase")
ARTICLE_PATTERNS = ("hard_negative", "sports_news", "chrome")
# Share of each pattern in the output (spam about 60 %).
_WEIGHTS = {"block_header": 6, "splice": 14, "byline_promo": 6, "stuffing": 9, "seo_promo": 8,
            "private_ad": 3, "adult_seo": 6, "game_server": 4, "forgery": 3, "tip_seo": 4,
            "brand_essay": 7, "phrase": 8, "hard_negative": 32, "sports_news": 8, "chrome": 12}
_KINDS = {"block_header": "gambling", "splice": "gambling", "byline_promo": "gambling",
          "stuffing": None, "seo_promo": "gambling", "private_ad": "ad", "adult_seo": "porn",
          "game_server": "ad", "forgery": "ad", "tip_seo": "gambling", "phrase": "gambling"}


class _Writer:
    def __init__(self, rng: random.Random, camouflage):
        self.r = rng
        self.camouflage = list(camouflage) if camouflage else None

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def brand(self) -> str:
        return self.pick(BRAND_HEADS) + self.pick(BRAND_TAILS)

    def coined_brand(self) -> str:
        """A betting brand coined of digits and Latin letters, as hijack scripts write them into
        a school's or a company's news in place of its name (``24848威尼斯``, ``永利yl23411``,
        ``an888``): the digits and letters are new every time, only their shape recurs."""
        r = self.r
        digits = str(r.randint(100, 10 ** r.randint(3, 7) - 1))
        letters = "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(2, 4)))
        head = self.pick(_WORD_HEADS)
        form = r.random()
        if form < 0.25:
            name = digits + head
        elif form < 0.5:
            name = head + letters + digits
        elif form < 0.7:
            name = letters + digits
        elif form < 0.85:
            name = head + digits
        else:
            name = f"{head}({letters.upper()}-{self.pick(['sports', 'bet', 'game'])})"
        return name + self.pick(["", "", "", "官网", "(中国)有限公司", "(中国)官方网站", "体育", "娱乐"])

    def brand_phrase(self) -> str:
        r = self.r.random()
        if r < 0.45:
            return self.brand() + self.pick(BRAND_ACTIONS)
        if r < 0.6:
            return self.pick(GAMES) + self.pick(BRAND_ACTIONS)
        if r < 0.75:
            return self.pick(BRAND_HEADS) + self.pick(GAMES)
        # the search phrases gambling SEO pages are built around
        return self.pick(SEARCH_PHRASES).format(brand=self.brand(), game=self.pick(GAMES))

    def promo(self) -> str:
        return self.pick(PROMOS).format(n=self.pick([18, 38, 58, 88, 91, 128, 188, 888]),
                                        p=self.pick(["1.5", "2", "3", "0.8"]))

    def fill(self, template: str) -> str:
        r = self.r
        return template.format(
            brand=self.brand(), game=self.pick(GAMES), promo=self.promo(), city=self.pick(CITIES),
            name=self.pick(NAMES), outlet=self.pick(OUTLETS), n=r.randint(3, 99), m=r.randint(1, 50),
            k=r.randint(1, 12), p=r.randint(2, 40), q=f"{r.randint(1, 150):03d}",
            tel=f"1{r.randint(3, 9)}{r.randint(100000000, 999999999)}", y=r.randint(2015, 2026),
            mm=f"{r.randint(1, 12):02d}", dd=f"{r.randint(1, 28):02d}", hh=f"{r.randint(0, 23):02d}",
            mi=f"{r.randint(0, 59):02d}")

    def headline(self) -> str:
        return self.pick(self.camouflage) if self.camouflage else self.pick(HEADLINES)

    def sentence(self) -> str:
        if self.camouflage and self.r.random() < 0.5:
            return self.pick(self.camouflage)
        return self.pick(SENTENCES)

    # -- patterns --------------------------------------------------------------------------
    def block_header(self):
        return f"时事{self.r.randint(1, 9)}:{self.brand()}{self.pick(HEADER_TAILS)}"

    def splice(self):
        names = ",".join(self.brand_phrase() for _ in range(self.r.randint(1, 3)))
        date = f"{self.r.randint(1, 12)}月{self.r.randint(1, 28)}日"
        return f"{date},{self.headline()},{self.sentence()},{names}。"

    def byline(self):
        if self.r.random() < 0.5:
            return f"{self.pick(OUTLETS)}记者 {self.pick(NAMES)} 报道"
        return f"来源:{self.pick(OUTLETS)} 作者:{self.pick(NAMES)} "

    def byline_promo(self):
        r = self.r.random()
        if r < 0.25:
            # the brand put where the outlet's name stood: 来源:彩神88, XX体育讯
            brand = self.coined_brand() if self.r.random() < 0.5 else self.brand()
            return self.pick(["来源:{b}", "来源:{b} 作者:{n}", "{b}讯 (记者 {n})", "投稿人:{b}",
                              "当前位置:首页 > {b} > 新闻中心"]).format(b=brand, n=self.pick(NAMES))
        return self.byline() + (self.promo() if r < 0.75 else self.brand_phrase())

    def stuffing(self):
        pool = STUFF_PORN if self.r.random() < 0.6 else STUFF_BET + [self.brand_phrase() for _ in range(4)]
        parts = [self.pick(pool) for _ in range(self.r.randint(4, 10))]
        if pool is STUFF_PORN and self.r.random() < 0.5:
            parts = [self.pick(["亚洲", "国产", "日本", "欧美", "中文"]) + p for p in parts]
        return self.pick(SEPARATORS).join(parts)

    def seo_promo(self):
        return self.fill(self.pick(SEO_PROMO))

    def private_ad(self):
        return self.fill(self.pick(PRIVATE_ADS))

    def adult_seo(self):
        t = self.pick(ADULT_ESSAY)
        while "{ab}" in t or "{aa}" in t:
            t = t.replace("{ab}", self.pick(ADULT_BRANDS), 1).replace("{aa}", self.pick(ADULT_ACTIONS), 1)
        return t.replace("{n}", str(self.r.randint(3, 30)))

    def each(self, template: str, slot: str, choices) -> str:
        """``template`` with every ``slot`` filled by a fresh pick (``fill`` reuses one value)."""
        while slot in template:
            template = template.replace(slot, self.pick(choices), 1)
        return template

    def game_server(self):
        t = self.pick(GAME_SERVER_LINES)
        t = t.replace("{gx}", self.pick(GAME_SERVER_SUFFIX)).replace("{gz}", self.pick(GAME_ZONES))
        return self.fill(self.each(t, "{gs}", GAME_SERVERS))

    def forgery(self):
        return self.fill(self.each(self.pick(FORGERY_LINES), "{cert}", CERTIFICATES))

    def mark_six(self) -> str:
        """A Mark Six tip-trade title, often dated (``2023澳门今晚开``)."""
        title = self.pick(MARK_SIX)
        return (str(self.r.randint(2019, 2026)) + title) if self.r.random() < 0.4 else title

    def tip_seo(self):
        if self.r.random() < 0.3:
            return self.mark_six() + self.pick(["", "", "-" + self.pick(TIP_QUESTIONS), "(图)"])
        q = self.pick(LOTTERIES) + self.pick(TIP_QUESTIONS)
        if self.r.random() < 0.3:
            q += self.pick(["", "?", "(图)", "-" + self.brand()])
        return q

    def promotion_name(self) -> tuple[str, str]:
        """(name, kind): a gambling, porn-brand, private-server or certificate promotion."""
        r = self.r.random()
        if r < 0.4:
            return self.brand(), "gambling"
        if r < 0.7:
            return self.pick(ADULT_BRANDS), "porn"
        if r < 0.85:
            return self.pick(GAME_SERVERS), "ad"
        return self.pick(CERTIFICATES) + self.pick(["样本", "制作", "代办"]), "ad"

    def brand_essay(self):
        """A clean paragraph with a promotion's name worked into two or three of its clauses."""
        base = self.pick(self.camouflage) if self.camouflage else "".join(
            self.pick(SENTENCES) for _ in range(2))
        name, kind = self.promotion_name()
        clauses = [c for c in base.replace("。", "。\n").replace(",", ",\n").split("\n") if c]
        for _ in range(self.r.randint(1, 3)):
            i = self.r.randrange(len(clauses) + 1)
            # the name alone, with punctuation: words around it would become spam evidence too
            clauses.insert(i, self.pick(["{x},", "{x}:", "({x})", "{x}。", "【{x}】", "#{x}#"]).format(x=name))
        self.essay_kind = kind  # generate() reads it: the kind depends on the name drawn
        return "".join(clauses)

    def phrase(self):
        """An injected phrase alone, as the clause scorer meets it cut out of a sentence: a
        promotion (``首次登录送88元红包``), a brand with its call to action, a coined brand of
        digits and letters, a Mark Six tip title, or a brand name as it stands in for an
        institution's name (``XX体育官网入口``)."""
        r = self.r.random()
        if r < 0.3:
            return self.promo()
        if r < 0.6:
            return self.brand_phrase()
        if r < 0.75:
            return self.coined_brand()
        if r < 0.85:
            return self.mark_six()
        return self.brand() + self.pick(["官网", "官方网站", "官网入口", "登录入口", "平台", "娱乐",
                                         "体育", "(中国)官方网站", "app下载", ""])

    def hard_negative(self):
        return self.fill(self.pick(HARD_NEGATIVES))

    def sports_news(self):
        """One to three sentences of a match report or club news (real team and player names)."""
        r = self.r
        teams = r.sample(TEAMS, 2)
        a = r.randint(0, 3)
        values = dict(team=teams[0], team2=teams[1], comp=self.pick(COMPETITIONS),
                      player=self.pick(PLAYERS), city=self.pick(CITIES), n=r.randint(3, 89),
                      k=r.randint(1, 9), m=r.randint(1, 12), p=r.randint(40, 70), a=a,
                      b=a + r.randint(1, 3), pts=f"{r.randint(100, 125)}比{r.randint(90, 99)}",
                      mon=r.randint(1, 12), dd=r.randint(1, 28), yy=r.randint(26, 30))
        return "".join(self.pick(SPORTS_NEWS).format(**values) for _ in range(r.randint(1, 3)))

    def chrome(self):
        # half of the chrome is the very byline the promo pattern appends to: the promo, not
        # the byline, has to be what marks spam
        r = self.r.random()
        if r < 0.3:
            return self.byline().strip()
        if r < 0.5:
            return self.pick(["• ", "", "· ", "| "]) + self.pick(MENU)
        if r < 0.65:  # breadcrumbs: the place byline_promo puts a brand in
            return (self.pick(["当前位置:", "您的位置:", ""]) + "首页 > " + self.pick(MENU) + " > "
                    + self.pick(["正文", "新闻中心", self.pick(MENU)]))
        return self.fill(self.pick(CHROME))


def generate(n: int, *, seed: int = 0, camouflage=None, traditional_share: float = 0.25) -> list[dict]:
    """``n`` labeled paragraphs: dicts with ``text``, ``label``, ``kind`` and ``pattern``.

    ``camouflage``: clean headlines/sentences to splice into the ``splice`` pattern (default:
    this module's own). ``traditional_share`` of the rows are converted to Traditional Chinese
    (OpenCC ``s2t``): much real spam is Traditional, and so are many real pages.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(seed)
    writer = _Writer(rng, camouflage)
    patterns = list(_WEIGHTS)
    weights = [_WEIGHTS[p] for p in patterns]
    to_traditional = None
    rows = []
    for i in range(n):
        # every pattern appears once before the weighted draw takes over
        pattern = patterns[i] if i < len(patterns) else rng.choices(patterns, weights)[0]
        text = getattr(writer, pattern)()
        if rng.random() < traditional_share:
            if to_traditional is None:
                import opencc

                to_traditional = opencc.OpenCC("s2t")
            text = to_traditional.convert(text)
        spam = pattern in SPAM_PATTERNS
        kind = writer.essay_kind if pattern == "brand_essay" else _KINDS.get(pattern)
        if pattern == "stuffing":
            kind = "gambling" if any(b in text for b in ("投注", "球", "彩", "娱乐", "博")) else "porn"
        rows.append({"text": text, "label": "spam" if spam else "article",
                     "kind": kind if spam else None, "pattern": pattern})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spamdetect.training.synthetic",
                                     description="Write synthetic labeled paragraphs as JSON Lines.")
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    rows = generate(args.n, seed=args.seed)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for i, row in enumerate(rows):
            rec = {"page": f"synthetic/{args.seed}", "url": "", "host": "synthetic", "para": i,
                   **row, "mixed": row["pattern"] == "byline_promo", "unsure": False, "note": ""}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
