// slotwire's JS runtime (js-runtime/src bundled by js-runtime/build/bundle.mjs; do not edit:
// change js-runtime/src and run `node js-runtime/build/bundle.mjs`).
import{runtimes as B}from"./slotwire.js";import{resolveTarget as nt}from"./slotwire.js";import{compile as N}from"./slotwire.js";import{accessCall as G,reflectApply as J}from"./slotwire.js";import{SlotwireError as k}from"./slotwire.js";import{checkObject as C}from"./slotwire.js";import{decodeUtf8 as D}from"./slotwire.js";import{features as K,views as M}from"./slotwire.js";import{NULLABLE as q,T as o,typeName as T}from"./slotwire.js";import{spanType as S}from"./slotwire.js";var Q=2147483648,W=2147483648,L=new ArrayBuffer(8),v=new Uint32Array(L),O=new Float64Array(L),A=new Set([o.i8,o.u8,o.i16,o.u16,o.i32,o.isize,o.u32,o.usize]);function X(t){if((t&q)!==0)return!1;let c=S(t);return c!==null?c.readOnly?c.t.code!==o.u64&&c.t.code!==o.i64:!1:A.has(t)||t===o.f32||t===o.f64||t===o.bool||t===o.char||t===o.string||t===o.object}var R=256;function U(t,c,a,i){if((a&W)===0)return D(t.u8,i+c,a);a&=2147483647;let e=t.batchStrings??(t.batchStrings={at:new Uint32Array(R),len:new Uint32Array(R),s:new Array(R).fill("")}),r=(c^c>>>9)&R-1;if(e.at[r]===c&&e.len[r]===a)return e.s[r];let s=D(t.u8,c,a);return e.at[r]=c,e.len[r]=a,e.s[r]=s,s}function P(t,c,a,i,e){if((c&Q)===0)return t.objects.get(c,e);let r=i.objs[t.u32[a+(c&2147483647)]];if(r===void 0)throw new k(`${e}: a placeholder whose call made no object`);return r}function _(t,c,a,i,e,r,s){let n=[],l=[],h=[],b=e.map((u,w)=>`${i}: argument ${w+1} (${T(u)})`);r===o.object&&n.push("const rw = p++;"),e.forEach((u,w)=>{let d=`a${w}`;l.push(d);let E=S(u);if(E!==null){let g=`t${t}_${h.length}`;n.push(`const ${d} = sv(h.memory, arena + u32[p], u32[p + 1], ${g}, true, h[${g}.name]); p += 2;`),h.push({a:d,t:g,type:E.t})}else if(A.has(u)){let g=u===o.i8||u===o.i16||u===o.i32||u===o.isize;n.push(`const ${d} = ${g?"u32[p++] | 0":"u32[p++]"};`)}else u===o.bool?n.push(`const ${d} = u32[p++] !== 0;`):u===o.char?n.push(`const ${d} = String.fromCodePoint(u32[p++]);`):u===o.f32||u===o.f64?n.push(`sc32[0] = u32[p]; sc32[1] = u32[p + 1]; p += 2; const ${d} = sc64[0];`):u===o.string?n.push(`const ${d} = str(h, u32[p], u32[p + 1], arena); p += 2;`):n.push(`const ${d} = obj(h, u32[p++], base, st, whats${t}[${w}]);`)});let p=G(s,l)??(a===void 0?`fn${t}(${l.join(", ")})`:`fn${t}.call(self${t}${l.map(u=>`, ${u}`).join("")})`),f=r===o.object?` const o = checkObject(r, what${t}); h.check(); h.u32[rw] = st.objs.push(o) - 1;`:"",j=h.length===0?[`const r = ${p};${f}`]:["try {",`  const r = ${p};${f}`,"} finally {",`  ${h.map(u=>`${u.a}.dispose();`).join(" ")}`,"}"],$=[`fn${t}`,`self${t}`,`whats${t}`,`what${t}`,...h.map(u=>u.t)],y=`${i}: result`,m=[c,a,b,y,...h.map(u=>u.type)];return{lines:[...n,...j],names:$,values:m,whats:b,what:y}}function x(t,c,a,i){let e=`
${i}`;return`for (;;) {${e}  ${c.join(`${e}  `)}${e}  k++;${e}  // The call may have grown memory (detaching the views).${e}  if (u32.length === 0) u32 = (h.refresh(), h.u32);${e}  if (p >= end || u32[p] !== ${t}) ${a}${e}  p++;${e}}`}var z=["str","obj","checkObject","sv","sc32","sc64","SlotwireError"],H=()=>[U,P,C,K.views?.spanView,v,O,k];function I(t,c,a,i,e,r,s,n=void 0){for(let f of r)if(!X(f))throw new k(`${e}: a batched call cannot take ${T(f)}`);if(s!==o.void&&s!==o.object)throw new k(`${e}: a batched call returns nothing or a JsObject`);let l=_("",a,i,e,r,s,n),h=`return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      ${x("id",l.lines,"return p;","      ")}
    } finally {
      st.k += k;
    }
  };`,b=N(["id",...z,...l.names],h,[c,...H(),...l.values]),p=b??Y(a,i,r,s,l.whats,l.what);return p.batchCall=b===null?null:{fn:a,self:i,where:e,params:r,ret:s,access:n},p}function Y(t,c,a,i,e,r){return(s,n,l,h,b,p)=>{s.check();let f=s.u32,j=i===o.object?n++:-1,$=[],y=[];for(let m=0;m<a.length;m++){let u=a[m],w=S(u);if(w!==null){let d=M("batch").spanView(s.memory,h+f[n],f[n+1],w.t,!0,s[w.t.name]);y.push(d),$.push(d),n+=2}else if(A.has(u)){let d=u===o.i8||u===o.i16||u===o.i32||u===o.isize;$.push(d?f[n++]|0:f[n++])}else u===o.bool?$.push(f[n++]!==0):u===o.char?$.push(String.fromCodePoint(f[n++])):u===o.f32||u===o.f64?(v[0]=f[n],v[1]=f[n+1],$.push(O[0]),n+=2):u===o.string?($.push(U(s,f[n],f[n+1],h)),n+=2):$.push(P(s,f[n++],l,p,e[m]))}try{let m=J(t,c,$);if(j>=0){s.check();let u=C(m,r);s.check(),s.u32[j]=p.objs.push(u)-1}}finally{for(let m of y)m.dispose()}return p.k++,n}}var Z=64;function tt(t){let c=t.batchDecoders,a=["decoders",...z],i=[c,...H()],e=[];for(let s=0;s<c.length&&s<Z;s++){let n=c[s].batchCall;if(n===null)return null;let l=_(`_${s}`,n.fn,n.self,n.where,n.params,n.ret,n.access);a.push(...l.names),i.push(...l.values),e.push(`case ${s}:
          ${x(s,l.lines,"break;","          ")}
          continue;`)}let r=`return function batchRunner(h, p, base, arena, end, st) {
    h.check();
    let u32 = h.u32;
    // Calls that ran; -1 while a decoder runs (it counts in st.k itself).
    let k = st.k;
    try {
      while (p < end) {
        switch (u32[p++]) {
        ${e.join(`
        `)}
        default: {
          const d = decoders[u32[p - 1]];
          if (d === undefined) throw new SlotwireError(\`batch: \${u32[p - 1]} is not a batched binding\`);
          st.k = k;
          k = -1;
          p = d(h, p, base, arena, end, st);
          k = st.k;
          u32 = h.u32;
          continue;
        }
        }
      }
    } finally {
      if (k >= 0) st.k = k;
    }
  };`;return N(a,r,i)}function V(t,c,a,i){t.batchPending=!1;let e=t.heap,r=c>>>2,s=r+a,n={k:0,objs:[]};t.batchResults.push(n.objs),e.objects.hold();try{if(t.batchRunner===null&&(t.batchRunner=tt(t)??!1),t.batchRunner!==!1)return t.batchRunner(e,r,r,i,s,n),-1;let l=t.batchDecoders,h=r;for(;h<s;){e.u8.length===0&&e.refresh();let b=e.u32[h],p=l[b];if(p===void 0)throw new k(`batch: ${b} is not a batched binding`);h=p(e,h+1,r,i,s,n)}return-1}catch(l){return t.reportFast(l),n.k}finally{e.objects.unhold()}}function F(t,c,a){let i=t.batchResults.pop();if(i===void 0)throw new k("batch: results kept for no run");let e=t.heap;e.check();let r=c>>>2;for(let s=0;s<a.length;s++){let n=r+a[s],l=i[e.u32[n]];if(l===void 0)throw new k("batch: a kept result that no call made");e.u32[n]=e.objects.toHandle(l)}}function dt(t,c,a,i,e){let r=B[t],s=Array.from(i),{fn:n,self:l,where:h,access:b}=nt(r,c,a,s.length),p=r.batchDecoders.length;return r.batchDecoders.push(I(r,p,n,l,h,s,e,b)),r.batchRunner=null,p}function bt(t,c,a,i){return V(B[t],c,a,i)}function $t(t,c,a){F(B[t],c,a)}export{dt as swBindBatch,$t as swKeepBatchResults,bt as swRunBatch};
