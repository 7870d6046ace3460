"""Write the sample folder ``examples/pages/`` that the README scans.

Every page is written here by the project (no text copied from the corpus or the web). They are
built like the pages spamdetect meets: a clean news page, a news page about an online-gambling
crack-down (a hard negative), a page built like the seed (a real article with an injected
``时事N:`` block and a byline with a promotion appended), a blog post under a porn-title-stuffed
header, a whole gambling-SEO page, a GBK and a Big5 page, a plain-text page and a gzipped page.

    python examples/make_examples.py      # rewrites examples/pages/
"""

from __future__ import annotations

import gzip
from pathlib import Path

OUT = Path(__file__).resolve().parent / "pages"


def page(title: str, body: str, *, charset: str = "utf-8", head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="{charset}">\n<title>{title}</title>\n{head}'
            f"</head>\n<body>\n{body}\n</body>\n</html>\n")


def nav(*items: str) -> str:
    return '<div class="nav"><ul>' + "".join(f'<li><a href="#">{i}</a></li>' for i in items) + "</ul></div>\n"


def paras(*texts: str) -> str:
    return "".join(f"<p>{t}</p>\n" for t in texts)


NAV = nav("首页", "新闻", "财经", "体育", "科技", "评论")
FOOTER = '<div class="footer"><p>责任编辑:李文</p><p>版权所有 2025 城市晚报社 未经授权禁止转载</p></div>'

CLEAN_NEWS = page("城区新增三条公交线路 方便居民出行_城市晚报", NAV + f"""<div id="article">
<h1>城区新增三条公交线路 方便居民出行</h1>
<div class="meta">2025-03-12 08:30 来源:城市晚报 作者:张华</div>
{paras(
    "记者从市交通运输局获悉,为缓解城东新区居民出行难的问题,本月起全市将新开三条公交线路,"
    "连接新区住宅片区与地铁二号线、五号线站点。",
    "据介绍,新线路全程设站二十余个,早晚高峰发车间隔控制在八分钟以内,"
    "平峰时段为十五分钟。所有车辆均为新能源公交车,并配备无障碍上下车设施。",
    "市交通运输局相关负责人表示,线路走向是在广泛征求沿线居民意见的基础上确定的,"
    "下一步还将根据客流变化适时调整班次。",
    "家住新区的王女士说:“以前去地铁站要走二十分钟,现在楼下就能坐车,方便多了。”",
)}</div>
<div class="related"><h3>相关新闻</h3><ul><li>地铁五号线南延段明年通车</li><li>全市新增公共停车泊位两千个</li></ul></div>
{FOOTER}""")

CRACKDOWN_NEWS = page("警方破获特大网络赌博案 涉案资金逾两亿元_城市晚报", NAV + f"""<div id="article">
<h1>警方破获特大网络赌博案 涉案资金逾两亿元</h1>
<div class="meta">2025-04-02 10:15 来源:城市晚报</div>
{paras(
    "日前,市公安局网安支队成功破获一起利用境外赌博网站组织网络赌博的案件,"
    "抓获犯罪嫌疑人二十三名,冻结涉案资金账户一百余个。",
    "经查,该团伙通过社交软件招揽参赌人员,以“百家乐”“体育投注”等名义引诱群众在境外网站下注,"
    "并从中抽取佣金,涉案资金流水超过两亿元。",
    "警方提醒,网络赌博往往以“首充返利”“稳赚不赔”为诱饵,参与者最终血本无归。"
    "市民如发现相关线索,请及时拨打110举报。",
)}</div>
{FOOTER}""")

SEED_LIKE = page("小区菜场改造完成 早市重新开张_城市晚报", NAV + f"""<div id="article">
<h1>小区菜场改造完成 早市重新开张</h1>
<div class="meta">2025-05-20 07:45 来源:城市晚报</div>
<p>  城市晚报记者 刘芳 报道首次登录送88元红包</p>
{paras(
    "经过三个月的改造,位于城西的老菜场本周一重新开门营业。改造后的菜场地面全部换成防滑地砖,"
    "摊位统一规划,生鲜区和熟食区分开设置。",
    "不少老顾客一早就来买菜。退休教师陈阿姨说,过去一下雨菜场里到处是积水,"
    "现在干净明亮,买菜心情也好了。",
    "菜场管理方介绍,改造后共设置摊位一百二十个,每个摊位都安装了电子价签和溯源二维码,"
    "市民扫码即可查看蔬菜产地和检测结果。",
    "街道办事处表示,今年还将对辖区内另外两家菜场进行改造,预计年底前全部完工。",
)}</div>
<div style="position:absolute;left:-9999px;top:-9999px">
<p>时事1:百家乐登录官网下载</p>
<p>2025-05-20,百家乐登录官网,全国春播进度过半,太阳城官网是多少,各地抓住有利天气抢种抢收,365bet滚球盘网址</p>
<p>2025-05-20,澳门葡京娱乐网址,多地发布高温预警,真人娱乐平台注册送彩金,气象部门提醒注意防暑,体育投注官网下载</p>
<p>2025-05-20,时时彩计划网页版,新能源汽车销量持续增长,百家乐技巧必胜打法,首次充值即送百分之百彩金</p>
</div>
{FOOTER}""")

PORN_TITLES = page(
    "午夜福利视频免费看_亚洲AV一区二区在线观看_国产精品无码高清_日韩成人影院",
    f"""<div class="stuffed">成人视频在线观看_无码中文字幕_久久精品免费视频_欧美一级黄色片_午夜影院免费观看</div>
<div id="post">
<h1>用 Python 批量重命名照片文件</h1>
<div class="meta">发布于 2024-11-03 · 阅读 1203</div>
{paras(
    "手机里导出的照片文件名都是一串数字,整理起来很不方便。这篇文章介绍如何用几行 Python 代码,"
    "按拍摄日期给照片批量重命名。",
    "思路很简单:先用 pathlib 遍历目录下的所有 jpg 文件,再从照片的 EXIF 信息里读出拍摄时间,"
    "最后把文件改名为“年-月-日_序号.jpg”的格式。",
    "需要注意的是,有些照片没有 EXIF 信息,这时可以退而使用文件的修改时间。另外,"
    "改名前最好先备份,避免误操作。",
    "完整代码已经放在文末,欢迎在评论区交流。",
)}</div>
<div class="footer"><p>© 2024 小张的技术博客</p></div>""")

GAMBLING_SEO = page("足球投注技巧大全 教你稳赚不赔_皇冠体育官网", f"""<div class="top">皇冠体育官网 | 注册送38元 | 手机投注APP下载</div>
<h1>足球投注技巧大全 教你稳赚不赔</h1>
{paras(
    "足球投注想要长期盈利,首先要选对平台。皇冠体育官网是亚洲最大的体育投注平台之一,"
    "新用户注册即送38元彩金,首次充值再送百分之百。",
    "看懂赔率是投注的第一步。欧洲盘以小数形式显示赔率,亚洲让球盘则通过让球平衡两队实力,"
    "玩家可以根据球队近况选择上盘或下盘。",
    "分析比赛时要关注球队的伤病情况、主客场战绩和近期状态,这些因素都会影响比赛结果。",
    "串关玩法收益更高,把三到五场比赛组合在一起投注,全部命中即可获得高额回报。",
    "资金管理同样重要,每次投注金额不宜超过本金的十分之一,连输时要及时止损。",
    "立即登录皇冠体育官网下载APP,滚球投注、真人百家乐、电子游艺应有尽有,24小时极速提款。",
)}<div class="footer">皇冠体育 版权所有 | 客服QQ:88888888</div>""")

GBK_NEWS = page("全市中小学开展防溺水安全教育_教育频道", NAV + f"""<div id="article">
<h1>全市中小学开展防溺水安全教育</h1>
<div class="meta">2025-06-05 来源:市教育局</div>
{paras(
    "随着气温升高,学生溺水事故进入高发期。近日,全市中小学集中开展防溺水安全教育活动,"
    "通过主题班会、安全演练等形式,提高学生的安全意识和自救能力。",
    "各学校还向家长发放了《致家长的一封信》,提醒家长加强对孩子的监护,"
    "做到不私自下水游泳、不到无安全设施的水域玩耍。",
    "市教育局要求,各校要在放学前利用五分钟时间进行安全提醒,并在暑假前完成一次全员安全教育。",
)}</div>
<div style="display:none"><a href="#">澳门新葡京娱乐城</a> <a href="#">真人百家乐开户</a> <a href="#">时时彩计划群</a></div>
{FOOTER}""", charset="gbk")

BIG5_NEWS = page("颱風過境 全臺停班停課_即時新聞", f"""<div class="nav"><a href="#">首頁</a> | <a href="#">即時</a> | <a href="#">生活</a></div>
<div id="article">
<h1>颱風過境 全臺停班停課</h1>
<div class="meta">2025-08-14 記者 陳志明 報導</div>
{paras(
    "中央氣象署今天上午發布陸上颱風警報,颱風預計今晚至明天清晨最接近臺灣本島,"
    "各縣市政府已宣布明天停止上班上課。",
    "氣象署提醒,颱風外圍環流將帶來豪雨,山區及沿海地區應嚴防土石流與海水倒灌,"
    "民眾非必要請勿外出。",
    "交通部表示,高鐵與臺鐵明天部分班次停駛,旅客可於官網查詢最新資訊並辦理退票。",
)}</div>
<div class="footer">本網站內容未經授權不得轉載</div>""", charset="big5")

NOTES_TXT = """社区图书馆延长开放时间
2025-02-18 社区通讯

从三月一日起,社区图书馆周末开放时间延长至晚上九点,方便上班族借阅图书。

图书馆今年还将新增少儿阅读区,购置绘本和科普读物三千余册。

读者可以通过社区公众号预约借书,到馆即可取书。

更多精彩,请访问太阳城官网,百家乐真人在线,首次登录送58元红包。
"""

ARCHIVED = page("春季植树活动在城郊举行_城市晚报", NAV + f"""<div id="article">
<h1>春季植树活动在城郊举行</h1>
{paras(
    "三月十二日,五百余名志愿者来到城郊荒山,参加一年一度的春季义务植树活动,共栽下树苗三千株。",
    "林业部门工作人员现场讲解了挖坑、扶苗、培土、浇水等要领,并提醒大家种下的树苗要定期养护。",
)}</div>
{FOOTER}""")

PAGES = {
    "news/clean_news.html": (CLEAN_NEWS, "utf-8"),
    "news/crackdown_news.html": (CRACKDOWN_NEWS, "utf-8"),
    "news/seed_like.html": (SEED_LIKE, "utf-8"),
    "news/gbk_news.html": (GBK_NEWS, "gbk"),
    "news/big5_news.html": (BIG5_NEWS, "big5"),
    "blog/porn_titles.html": (PORN_TITLES, "utf-8"),
    "gambling_seo.html": (GAMBLING_SEO, "utf-8"),
    "notes.txt": (NOTES_TXT, "utf-8"),
    "archive/archived.html.gz": (ARCHIVED, "utf-8"),
}


def main():
    for rel, (text, encoding) in PAGES.items():
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode(encoding)  # strict: a character the codec lacks is a bug here
        if rel.endswith(".gz"):
            data = gzip.compress(data, mtime=0)  # mtime=0: the same bytes on every run
        path.write_bytes(data)
        print(f"{path.relative_to(OUT.parent)}  {len(data)} bytes  {encoding}")


if __name__ == "__main__":
    main()
