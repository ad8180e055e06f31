// slotwire's JS runtime (js-runtime/src bundled by js-runtime/build/bundle.mjs; do not edit:
// change js-runtime/src and run `node js-runtime/build/bundle.mjs`).
import{runtimes as S}from"./slotwire.js";import{resolveTarget as Y}from"./slotwire.js";import{compile as D}from"./slotwire.js";import{accessCall as V}from"./slotwire.js";import{SlotwireError as k}from"./slotwire.js";import{checkObject as C}from"./slotwire.js";import{decodeUtf8 as A}from"./slotwire.js";import{spanView as N}from"./slotwire.js";import{NULLABLE as J,T as s,typeName as L}from"./slotwire.js";import{spanType as v}from"./slotwire.js";var K=2147483648,q=2147483648,O=new ArrayBuffer(8),R=new Uint32Array(O),T=new Float64Array(O),E=new Set([s.i8,s.u8,s.i16,s.u16,s.i32,s.isize,s.u32,s.usize]);function G(t){if((t&J)!==0)return!1;let c=v(t);return c!==null?c.readOnly?c.t.code!==s.u64&&c.t.code!==s.i64:!1:E.has(t)||t===s.f32||t===s.f64||t===s.bool||t===s.char||t===s.string||t===s.object}function P(t,c,u,a){if((u&q)===0)return A(t.u8,a+c,u);u&=2147483647;let e=t.batchStrings??(t.batchStrings=new Map),i=e.get(c);if(i!==void 0&&i.length===u)return i.s;let o=A(t.u8,c,u);return e.set(c,{length:u,s:o}),o}function U(t,c,u,a,e){if((c&K)===0)return t.objects.get(c,e);let i=a.objs[t.u32[u+(c&2147483647)]];if(i===void 0)throw new k(`${e}: a placeholder whose call made no object`);return i}function _(t,c,u,a,e,i,o){let n=[],h=[],f=[],d=e.map((r,w)=>`${a}: argument ${w+1} (${L(r)})`);i===s.object&&n.push("const rw = p++;"),e.forEach((r,w)=>{let p=`a${w}`;h.push(p);let B=v(r);if(B!==null){let j=`t${t}_${f.length}`;n.push(`const ${p} = sv(h.memory, arena + u32[p], u32[p + 1], ${j}, true, h[${j}.name]); p += 2;`),f.push({a:p,t:j,type:B.t})}else if(E.has(r)){let j=r===s.i8||r===s.i16||r===s.i32||r===s.isize;n.push(`const ${p} = ${j?"u32[p++] | 0":"u32[p++]"};`)}else r===s.bool?n.push(`const ${p} = u32[p++] !== 0;`):r===s.char?n.push(`const ${p} = String.fromCodePoint(u32[p++]);`):r===s.f32||r===s.f64?n.push(`sc32[0] = u32[p]; sc32[1] = u32[p + 1]; p += 2; const ${p} = sc64[0];`):r===s.string?n.push(`const ${p} = str(h, u32[p], u32[p + 1], arena); p += 2;`):n.push(`const ${p} = obj(h, u32[p++], base, st, whats${t}[${w}]);`)});let b=V(o,h)??(u===void 0?`fn${t}(${h.join(", ")})`:`fn${t}.call(self${t}${h.map(r=>`, ${r}`).join("")})`),l=i===s.object?` const o = checkObject(r, what${t}); h.check(); h.u32[rw] = st.objs.push(o) - 1;`:"",y=f.length===0?[`const r = ${b};${l}`]:["try {",`  const r = ${b};${l}`,"} finally {",`  ${f.map(r=>`${r.a}.dispose();`).join(" ")}`,"}"],$=[`fn${t}`,`self${t}`,`whats${t}`,`what${t}`,...f.map(r=>r.t)],g=`${a}: result`,m=[c,u,d,g,...f.map(r=>r.type)];return{lines:[...n,...y],names:$,values:m,whats:d,what:g}}function x(t,c,u,a){let e=`
${a}`;return`for (;;) {${e}  ${c.join(`${e}  `)}${e}  k++;${e}  // The call may have grown memory (detaching the views).${e}  if (u32.length === 0) u32 = (h.refresh(), h.u32);${e}  if (p >= end || u32[p] !== ${t}) ${u}${e}  p++;${e}}`}var z=["str","obj","checkObject","sv","sc32","sc64","SlotwireError"],H=[P,U,C,N,R,T,k];function F(t,c,u,a,e,i,o,n=void 0){for(let l of i)if(!G(l))throw new k(`${e}: a batched call cannot take ${L(l)}`);if(o!==s.void&&o!==s.object)throw new k(`${e}: a batched call returns nothing or a JsObject`);let h=_("",u,a,e,i,o,n),f=`return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      ${x("id",h.lines,"return p;","      ")}
    } finally {
      st.k += k;
    }
  };`,d=D(["id",...z,...h.names],f,[c,...H,...h.values]),b=d??Q(u,a,i,o,h.whats,h.what);return b.batchCall=d===null?null:{fn:u,self:a,where:e,params:i,ret:o,access:n},b}function Q(t,c,u,a,e,i){return(o,n,h,f,d,b)=>{o.check();let l=o.u32,y=a===s.object?n++:-1,$=[],g=[];for(let m=0;m<u.length;m++){let r=u[m],w=v(r);if(w!==null){let p=N(o.memory,f+l[n],l[n+1],w.t,!0,o[w.t.name]);g.push(p),$.push(p),n+=2}else if(E.has(r)){let p=r===s.i8||r===s.i16||r===s.i32||r===s.isize;$.push(p?l[n++]|0:l[n++])}else r===s.bool?$.push(l[n++]!==0):r===s.char?$.push(String.fromCodePoint(l[n++])):r===s.f32||r===s.f64?(R[0]=l[n],R[1]=l[n+1],$.push(T[0]),n+=2):r===s.string?($.push(P(o,l[n],l[n+1],f)),n+=2):$.push(U(o,l[n++],h,b,e[m]))}try{let m=t.apply(c,$);if(y>=0){o.check();let r=C(m,i);o.check(),o.u32[y]=b.objs.push(r)-1}}finally{for(let m of g)m.dispose()}return b.k++,n}}var W=64;function X(t){let c=t.batchDecoders,u=["decoders",...z],a=[c,...H],e=[];for(let o=0;o<c.length&&o<W;o++){let n=c[o].batchCall;if(n===null)return null;let h=_(`_${o}`,n.fn,n.self,n.where,n.params,n.ret,n.access);u.push(...h.names),a.push(...h.values),e.push(`case ${o}:
          ${x(o,h.lines,"break;","          ")}
          continue;`)}let i=`return function batchRunner(h, p, base, arena, end, st) {
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
  };`;return D(u,i,a)}function I(t,c,u,a){t.batchPending=!1;let e=t.heap,i=c>>>2,o=i+u,n={k:0,objs:[]};t.batchResults.push(n.objs);try{if(t.batchRunner===null&&(t.batchRunner=X(t)??!1),t.batchRunner!==!1)return t.batchRunner(e,i,i,a,o,n),-1;let h=t.batchDecoders,f=i;for(;f<o;){e.u8.length===0&&e.refresh();let d=e.u32[f],b=h[d];if(b===void 0)throw new k(`batch: ${d} is not a batched binding`);f=b(e,f+1,i,a,o,n)}return-1}catch(h){return t.reportFast(h),n.k}}function M(t,c,u){let a=t.batchResults.pop();if(a===void 0)throw new k("batch: results kept for no run");let e=t.heap;e.check();let i=c>>>2;for(let o=0;o<u.length;o++){let n=i+u[o],h=a[e.u32[n]];if(h===void 0)throw new k("batch: a kept result that no call made");e.u32[n]=e.objects.toHandle(h)}}function ft(t,c,u,a,e){let i=S[t],{fn:o,self:n,where:h,access:f}=Y(i,c,u,a.length),d=i.batchDecoders.length;return i.batchDecoders.push(F(i,d,o,n,h,Array.from(a),e,f)),i.batchRunner=null,d}function lt(t,c,u,a){return I(S[t],c,u,a)}function pt(t,c,u){M(S[t],c,u)}export{ft as swBindBatch,pt as swKeepBatchResults,lt as swRunBatch};
